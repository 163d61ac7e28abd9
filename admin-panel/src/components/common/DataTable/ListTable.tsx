import type { UseQueryResult } from '@tanstack/react-query';
import { ListSummary } from '@/components/common/ListSummary/ListSummary';
import type { ListQuery } from '@/hooks/useListQuery';
import { DataTable, type DataTableProps } from './DataTable';
import { SavedViews } from './SavedViews';

/** What every list endpoint answers (api/schemas Page[...]). */
export interface PageOf<T> {
  items: T[];
  total: number;
  total_exact?: boolean;
}

type Wired =
  | 'rows'
  | 'total'
  | 'page'
  | 'pageSize'
  | 'onPageChange'
  | 'onPageSizeChange'
  | 'sort'
  | 'onSortChange'
  | 'loading'
  | 'fetching'
  | 'error'
  | 'onRetry'
  | 'emptyTitle'
  | 'emptyDescription'
  | 'summary'
  | 'tools';

interface ListTableProps<T, F extends string> extends Omit<DataTableProps<T>, Wired> {
  /** The list's state in the URL (useListQuery / useCheckedListQuery). */
  state: Pick<ListQuery<F>, 'list' | 'filtered' | 'valid'>;
  /** The page the API answered for that state. */
  result: UseQueryResult<PageOf<T>>;
  /** What the list holds: singular and plural, lower case. */
  noun: readonly [string, string];
  /** Said when the filters match nothing. */
  filteredHint?: string;
}

/**
 * A server-paged list page's table: DataTable wired to the URL's list state and to the API's
 * page, with the count and "clear filters" beside the user's saved views and the column picker.
 * Every list page is this plus its own columns, filters and actions.
 */
export function ListTable<T, F extends string>({
  state: { list, filtered, valid },
  result,
  noun,
  filteredHint = 'Try other words or fewer filters.',
  ...table
}: ListTableProps<T, F>) {
  // A list with neither filters nor sortable columns has no view worth saving.
  const viewable = Object.keys(list.filters).length > 0 || table.columns.some((column) => column.sortable);
  return (
    <DataTable
      {...table}
      rows={result.data?.items}
      total={result.data?.total ?? 0}
      page={list.page}
      pageSize={list.pageSize}
      onPageChange={list.setPage}
      onPageSizeChange={list.setPageSize}
      sort={list.sort}
      onSortChange={list.setSort}
      // A disabled query (filters the API would refuse) is pending too, but nothing is coming.
      loading={result.isPending && valid}
      fetching={result.isFetching}
      error={result.error}
      onRetry={() => void result.refetch()}
      emptyTitle={filtered ? `No ${noun[1]} match` : `No ${noun[1]} yet`}
      emptyDescription={filtered ? filteredHint : undefined}
      tools={viewable && <SavedViews listId={table.tableId} current={list} onShow={list.showView} />}
      summary={
        <ListSummary
          total={result.data?.total}
          exact={result.data?.total_exact}
          filtered={filtered}
          onClear={list.clearFilters}
          noun={noun}
        />
      }
    />
  );
}
