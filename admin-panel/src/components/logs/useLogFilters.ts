import { useMemo } from 'react';
import { useListParams } from '@/hooks/useListParams';
import { usePageSizePreference } from '@/hooks/usePageSizePreference';
import { LOG_FILTERS, toApiFilters, type LogFilterName, type LogKind } from '@/services/logs';

/** A log screen's list state (in the URL), checked, and turned into the API's query. */
export function useLogFilters(kind: LogKind) {
  const names = LOG_FILTERS[kind] as readonly LogFilterName[];
  const list = useListParams(names, usePageSizePreference());
  const { filters } = list;

  const problems = useMemo(() => {
    const found: Partial<Record<LogFilterName, string>> = {};
    if (filters.account_id && !/^\d+$/.test(filters.account_id)) found.account_id = 'The account id is a number.';
    if (filters.created_from && filters.created_to && filters.created_from > filters.created_to) {
      found.created_to = 'The date range ends before it starts.';
    }
    return found;
  }, [filters]);

  const apiFilters = useMemo(() => toApiFilters(filters), [filters]);
  const query = useMemo(
    () => ({ ...apiFilters, page: list.page, page_size: list.pageSize }),
    [apiFilters, list.page, list.pageSize],
  );
  return { names, list, problems, valid: Object.keys(problems).length === 0, apiFilters, query };
}
