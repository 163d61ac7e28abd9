import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, authorizedFetch, buildUrl } from '@/api/client';
import { queryKeys } from './queryKeys';

export type LogKind = 'activity' | 'audit';

export const LOG_FILTERS = {
  activity: ['account_id', 'user_type', 'action', 'created_from', 'created_to'],
  audit: ['account_id', 'user_type', 'action', 'entity_type', 'entity_id', 'created_from', 'created_to'],
} as const;

export type LogFilterName = (typeof LOG_FILTERS)['audit'][number];
export type LogQuery = Partial<Record<LogFilterName, string | number>>;

const PATHS = { activity: '/api/admin/activity-logs/', audit: '/api/admin/audit-logs/' } as const;

/**
 * The API filters by instants; people pick days. A day range covers both days whole, in the
 * browser's time zone.
 */
export function toApiFilters(filters: Partial<Record<LogFilterName, string>>): LogQuery {
  const query: LogQuery = {};
  for (const [name, value] of Object.entries(filters) as [LogFilterName, string | undefined][]) {
    if (!value) continue;
    if (name === 'created_from') query[name] = new Date(`${value}T00:00:00`).toISOString();
    else if (name === 'created_to') query[name] = new Date(`${value}T23:59:59.999`).toISOString();
    else if (name === 'account_id') query[name] = Number(value);
    else query[name] = value;
  }
  return query;
}

export function useActivityLog(query: LogQuery & { page: number; page_size: number }, enabled = true) {
  return useQuery({
    queryKey: queryKeys.logs('activity', query),
    queryFn: ({ signal }) => api.get(PATHS.activity, { query: query as never, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAuditLog(query: LogQuery & { page: number; page_size: number }, enabled = true) {
  return useQuery({
    queryKey: queryKeys.logs('audit', query),
    queryFn: ({ signal }) => api.get(PATHS.audit, { query: query as never, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Downloads the filtered log as CSV (the API streams it; the token rides in the header). */
export async function downloadLogCsv(kind: LogKind, query: LogQuery): Promise<void> {
  const response = await authorizedFetch(buildUrl(PATHS[kind], undefined, { ...query, format: 'csv' }));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${kind}-log.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
