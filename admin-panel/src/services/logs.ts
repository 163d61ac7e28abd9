import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { dayEndIso, dayStartIso } from '@/utils/dates';
import { downloadCsv } from './download';
import { queryKeys } from './queryKeys';

export type LogKind = 'activity' | 'audit';

export const LOG_FILTERS = {
  activity: ['account_id', 'user_type', 'action', 'created_from', 'created_to'],
  audit: ['account_id', 'user_type', 'action', 'entity_type', 'entity_id', 'created_from', 'created_to'],
} as const;

export type LogFilterName = (typeof LOG_FILTERS)['audit'][number];
export type LogQuery = Partial<Record<LogFilterName, string | number>>;

const PATHS = { activity: '/api/admin/activity-logs/', audit: '/api/admin/audit-logs/' } as const;

/** The URL's filters as the API takes them: days become instants, ids numbers. */
export function toApiFilters(filters: Partial<Record<LogFilterName, string>>): LogQuery {
  const query: LogQuery = {};
  for (const [name, value] of Object.entries(filters) as [LogFilterName, string | undefined][]) {
    if (!value) continue;
    if (name === 'created_from') query[name] = dayStartIso(value);
    else if (name === 'created_to') query[name] = dayEndIso(value);
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

/** Downloads the filtered log as CSV. */
export function downloadLogCsv(kind: LogKind, query: LogQuery): Promise<void> {
  return downloadCsv(PATHS[kind], { ...query, format: 'csv' }, `${kind}-log.csv`);
}
