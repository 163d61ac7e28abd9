import { useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ListSummary } from '@/components/common/ListSummary/ListSummary';
import { DataTable } from './DataTable';
import type { Column } from './types';

type Paging = { page: number; page_size: number };

interface RelatedTableProps<T> {
  tableId: string;
  caption: string;
  columns: Column<T>[];
  /** Fetches one page of the related rows (a hook: called on every render). */
  useRows: (paging: Paging) => UseQueryResult<{ items: T[]; total: number }>;
  getRowId: (row: T) => string | number;
  /** Singular and plural, for the count above the table. */
  noun: readonly [string, string];
  emptyTitle: string;
  actions?: ReactNode;
  rowActions?: (row: T) => ReactNode;
}

/**
 * A record's related rows (a reseller's clients, a user's orders) in a tab: server-paged like
 * every list, but the page is kept in the component, not the URL, which belongs to the record.
 */
export function RelatedTable<T>({
  tableId,
  caption,
  columns,
  useRows,
  getRowId,
  noun,
  emptyTitle,
  actions,
  rowActions,
}: RelatedTableProps<T>) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const rows = useRows({ page, page_size: pageSize });
  return (
    <DataTable
      tableId={tableId}
      caption={caption}
      columns={columns}
      rows={rows.data?.items}
      getRowId={getRowId}
      total={rows.data?.total ?? 0}
      page={page}
      pageSize={pageSize}
      onPageChange={setPage}
      onPageSizeChange={(size) => {
        setPageSize(size);
        setPage(1);
      }}
      loading={rows.isPending}
      fetching={rows.isFetching}
      error={rows.error}
      onRetry={() => void rows.refetch()}
      emptyTitle={emptyTitle}
      toolbar={actions && <div className="flex flex-wrap justify-end gap-2">{actions}</div>}
      summary={<ListSummary total={rows.data?.total} filtered={false} onClear={() => undefined} noun={noun} />}
      rowActions={rowActions}
    />
  );
}
