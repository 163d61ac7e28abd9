import { useMemo } from 'react';
import { dayEndIso, dayStartIso } from '@/utils/dates';
import { useListParams, type ListParams } from './useListParams';

/** Day filters people pick as dates; the API filters by instants. */
const DAY_START = 'created_from';
const DAY_END = 'created_to';

export interface ListQuery<F extends string> {
  list: ListParams<F>;
  /** What to send: page, page size, `ordering` and the filters that are set. */
  query: Record<string, string | number> & { page: number; page_size: number };
  /** Filters the API would refuse, by name (a date range that ends before it starts). */
  problems: Partial<Record<F, string>>;
  valid: boolean;
  /** Some filter is set, so an empty list means "nothing matches", not "nothing yet". */
  filtered: boolean;
}

/**
 * A server-paged list's state from the URL (useListParams), turned into the API's query
 * conventions: `ordering=-created_at`, named filters, and `created_from`/`created_to` days as
 * instants in the browser's time zone.
 */
export function useListQuery<F extends string>(filterNames: readonly F[], defaultPageSize: number): ListQuery<F> {
  const list = useListParams(filterNames, defaultPageSize);
  const { filters, sort, page, pageSize } = list;

  const problems = useMemo(() => {
    const found: Partial<Record<string, string>> = {};
    const from = (filters as Record<string, string>)[DAY_START];
    const to = (filters as Record<string, string>)[DAY_END];
    if (from && to && from > to) found[DAY_END] = 'The date range ends before it starts.';
    return found as Partial<Record<F, string>>;
  }, [filters]);

  const query = useMemo(() => {
    const built: Record<string, string | number> = { page, page_size: pageSize };
    if (sort) built.ordering = `${sort.direction === 'desc' ? '-' : ''}${sort.id}`;
    for (const [name, value] of Object.entries(filters) as [string, string][]) {
      if (!value) continue;
      built[name] = name === DAY_START ? dayStartIso(value) : name === DAY_END ? dayEndIso(value) : value;
    }
    return built as ListQuery<F>['query'];
  }, [filters, sort, page, pageSize]);

  return {
    list,
    query,
    problems,
    valid: Object.keys(problems).length === 0,
    filtered: Object.values(filters).some(Boolean),
  };
}
