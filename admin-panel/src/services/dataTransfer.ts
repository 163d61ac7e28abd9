import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, authorizedFetch } from '@/api/client';
import { isApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { downloadCsv } from './download';
import { queryKeys } from './queryKeys';

export type ImportReport = components['schemas']['ImportReport'];
export type BulkJob = components['schemas']['BulkJobRead'];
/** A file answered inline (its report), or one too large for that, run as a bulk job (202). */
export type ImportAnswer = { report: ImportReport; job?: never } | { job: BulkJob; report?: never };
export type ImportResource = 'resellers' | 'clients' | 'users' | 'plans';
export type ExportResource = ImportResource | 'orders';
export type ExportFormat = 'csv' | 'json' | 'xlsx';

/** The list's query minus paging and sorting, which an export does not take. */
export function exportFilters(query: Record<string, string | number>): Record<string, string | number> {
  const { page: _page, page_size: _size, ordering: _ordering, ...filters } = query;
  return filters;
}

export function downloadExport(resource: ExportResource, query: Record<string, string | number>, format: ExportFormat) {
  return downloadCsv(`/api/export/${resource}/`, { ...exportFilters(query), format }, `${resource}.${format}`);
}

export function downloadImportTemplate(resource: ImportResource, format: 'csv' | 'xlsx') {
  return downloadCsv(`/api/import/${resource}/template/`, { format }, `${resource}-import.${format}`);
}

/** The report of a real run the API refused (422 import_rejected), else null. */
export function rejectedReport(error: unknown): ImportReport | null {
  if (!isApiError(error) || error.code !== 'import_rejected') return null;
  return error.details as ImportReport;
}

/** What each import adds to, refreshed once it did. */
const LISTS: Record<ImportResource, readonly string[]> = {
  resellers: ['resellers'],
  clients: ['clients', 'resellers'],
  users: ['users'],
  plans: ['plans'],
};

export function useImportFile(resource: ImportResource) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, dryRun }: { file: File; dryRun: boolean }): Promise<ImportAnswer> => {
      const form = new FormData();
      form.set('file', file);
      const response = await authorizedFetch(`/api/import/${resource}/?dry_run=${dryRun}`, { method: 'POST', body: form });
      const body: unknown = await response.json();
      return response.status === 202 ? { job: body as BulkJob } : { report: body as ImportReport };
    },
    onSuccess: async ({ report }) => {
      if (!report || report.dry_run) return;
      await Promise.all(LISTS[resource].map((key) => client.invalidateQueries({ queryKey: [key] })));
    },
  });
}

function isActive(job: BulkJob): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** A bulk job (none: null), asked every two seconds until it ends; then the lists an import adds to refresh. */
export function useBulkJob(job: BulkJob | null, resource: ImportResource) {
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: queryKeys.bulkJob(job?.id ?? 0),
    queryFn: ({ signal }) => api.get('/api/jobs/{job_id}/', { path: { job_id: job?.id ?? 0 }, signal }),
    enabled: job !== null,
    refetchInterval: (query) => (!query.state.data || isActive(query.state.data) ? 2000 : false),
  });
  const current = job && detail.data?.id === job.id ? detail.data : job;
  const imported = current !== null && !isActive(current) && current.options.dry_run === false;
  useEffect(() => {
    if (imported) void Promise.all(LISTS[resource].map((key) => client.invalidateQueries({ queryKey: [key] })));
  }, [imported, resource, client]);
  return { job: current, active: current !== null && isActive(current) };
}

/** The CSV of every row's outcome (row, ok, error, id). */
export function downloadJobResult(job: BulkJob) {
  return downloadCsv(job.result_url ?? `/api/jobs/${job.id}/result/`, {}, `job-${job.id}-results.csv`);
}
