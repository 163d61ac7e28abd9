import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { SortState } from '@/components/common/DataTable/types';

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** A list's filters and sort, without the page: what a saved view restores. */
export interface ListView {
  /** The filters that are set; any other is cleared. */
  filters: Record<string, string>;
  sort: SortState | null;
}

export interface ListParams<F extends string> {
  page: number;
  pageSize: number;
  sort: SortState | null;
  filters: Record<F, string>;
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
  setSort: (sort: SortState | null) => void;
  /** Changes some filters (an empty string clears one) and goes back to the first page. */
  setFilters: (changes: Partial<Record<F, string>>) => void;
  clearFilters: () => void;
  /** Replaces every filter and the sort at once (a saved view) and goes back to the first page. */
  showView: (view: ListView) => void;
}

/** The sort as the URL's `sort` parameter: `-created_at` is newest first. */
export function sortParam(sort: SortState | null): string | null {
  return sort ? `${sort.direction === 'desc' ? '-' : ''}${sort.id}` : null;
}

export function parseSort(param: string | null | undefined): SortState | null {
  return param ? { id: param.replace(/^-/, ''), direction: param.startsWith('-') ? 'desc' : 'asc' } : null;
}

function positiveInt(value: string | null, fallback: number, max = Infinity): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : fallback;
}

/**
 * A list's state — filters, sort, page and page size — kept in the URL's query string, so a
 * view can be shared as a link and survives a reload. Defaults are left out of the URL.
 */
export function useListParams<F extends string>(
  filterNames: readonly F[],
  defaultPageSize = 25,
): ListParams<F> {
  const [params, setParams] = useSearchParams();

  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('page_size'), defaultPageSize, 100);
  const rawSort = params.get('sort');
  const sort = useMemo(() => parseSort(rawSort), [rawSort]);
  const filterKey = filterNames.map((name) => params.get(name) ?? '').join('\u0000');
  const filters = useMemo(
    () => Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ''])) as Record<F, string>,
    // filterKey captures every filter value; `params` itself changes identity on every render.
    [filterKey],
  );

  const update = useCallback(
    (changes: Record<string, string | number | null>, replace = true) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  const setPage = useCallback((value: number) => update({ page: value > 1 ? value : null }, false), [update]);
  const setPageSize = useCallback(
    (value: number) => update({ page_size: value === defaultPageSize ? null : value, page: null }),
    [update, defaultPageSize],
  );
  const setSort = useCallback(
    (value: SortState | null) => update({ sort: sortParam(value), page: null }),
    [update],
  );
  const setFilters = useCallback(
    (changes: Partial<Record<F, string>>) => update({ ...(changes as Record<string, string>), page: null }),
    [update],
  );
  const clearFilters = useCallback(
    () => update(Object.fromEntries([...filterNames, 'page'].map((name) => [name, null]))),
    [update, filterNames.join()],
  );

  // One update: two in a row would each start from the same URL, and the second would undo the first.
  const showView = useCallback(
    (view: ListView) =>
      update(
        {
          ...Object.fromEntries(filterNames.map((name) => [name, view.filters[name] ?? null])),
          sort: sortParam(view.sort),
          page: null,
        },
        false,
      ),
    [update, filterNames.join()],
  );

  return { page, pageSize, sort, filters, setPage, setPageSize, setSort, setFilters, clearFilters, showView };
}
