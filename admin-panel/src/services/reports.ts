import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { downloadCsv } from './download';
import { queryKeys } from './queryKeys';

type Schemas = components['schemas'];
export type ReportRead = Schemas['ReportRead'];
export type ReportCreate = Schemas['ReportCreate'];
export type ReportOptions = Schemas['ReportOptions'];
export type ReportOption = Schemas['Option'];
export type ReportKind = Schemas['ReportKind'];
export type ReportFormat = Schemas['ReportFormat'];
export type ReportStatus = Schemas['ReportStatus'];
export type ScheduleRead = Schemas['ScheduleRead'];
export type ScheduleCreate = Schemas['ScheduleCreate'];
export type ReportCadence = Schemas['ReportCadence'];

export const REPORT_FILTERS = ['status', 'kind'] as const;
export type ReportFilterName = (typeof REPORT_FILTERS)[number];

/** Still being made: its progress is worth asking for. */
export function isActive(status: ReportStatus): boolean {
  return status === 'queued' || status === 'running';
}

const POLL_MS = 2000;

export function useReportList(query: Record<string, string | number>) {
  return useQuery({
    queryKey: queryKeys.reports(query),
    queryFn: ({ signal }) => api.get('/api/reports/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * A queued or running report's progress, asked every two seconds until it finishes; then the
 * lists are refetched, so the row gets its final status and download link.
 */
export function useReportProgress(job: ReportRead) {
  const client = useQueryClient();
  const active = isActive(job.status);
  const detail = useQuery({
    queryKey: queryKeys.report(job.id),
    queryFn: ({ signal }) => api.get('/api/reports/{job_id}/', { path: { job_id: job.id }, signal }),
    enabled: active,
    refetchInterval: (query) => (!query.state.data || isActive(query.state.data.status) ? POLL_MS : false),
  });
  const finished = active && detail.data !== undefined && !isActive(detail.data.status);
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: ['reports', 'list'] });
  }, [finished, client]);
  return active && detail.data ? detail.data : job;
}

export function useReportOptions() {
  return useQuery({
    queryKey: queryKeys.reportOptions,
    queryFn: ({ signal }) => api.get('/api/reports/options/', { signal }),
    staleTime: Infinity,
  });
}

export function useRequestReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportCreate) => api.post('/api/reports/', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports', 'list'] }),
  });
}

export function useCancelReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post('/api/reports/{job_id}/cancel/', { path: { job_id: id } }),
    onSettled: (_data, _error, id) =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['reports', 'list'] }),
        client.invalidateQueries({ queryKey: queryKeys.report(id) }),
      ]),
  });
}

export function downloadReport(job: Pick<ReportRead, 'id' | 'format' | 'download_url'>): Promise<void> {
  return downloadCsv(job.download_url ?? `/api/reports/${job.id}/download/`, {}, `report-${job.id}.${job.format}`);
}

export function useReportSchedules(query: Record<string, string | number>) {
  return useQuery({
    queryKey: queryKeys.reportSchedules(query),
    queryFn: ({ signal }) => api.get('/api/reports/schedules/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
  });
}

function useScheduleMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => client.invalidateQueries({ queryKey: queryKeys.reportSchedulesAll }) });
}

export function useCreateSchedule() {
  return useScheduleMutation((body: ScheduleCreate) => api.post('/api/reports/schedules/', { body }));
}

export function useSetScheduleActive() {
  return useScheduleMutation(({ id, active }: { id: number; active: boolean }) =>
    api.patch('/api/reports/schedules/{schedule_id}/', { path: { schedule_id: id }, body: { active } }),
  );
}

export function useDeleteSchedule() {
  return useScheduleMutation((id: number) => api.delete('/api/reports/schedules/{schedule_id}/', { path: { schedule_id: id } }));
}
