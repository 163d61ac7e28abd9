import type { ReactNode } from 'react';
import { EmptyState } from '@/components/common/EmptyState/EmptyState';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { Icon } from '@/components/common/Icon/Icon';
import { Pagination } from '@/components/common/Pagination/Pagination';
import { useLocalStorage } from '@/hooks/useLocalStorage';
import { cardClass, checkboxClass, cx } from '@/utils/styles';
import { ColumnPicker } from './ColumnPicker';
import { SelectAllBox } from './SelectAllBox';
import type { Column, RowSelection, SortState } from './types';

export interface DataTableProps<T> {
  /** Names the remembered column choice (localStorage). */
  tableId: string;
  /** Read by screen readers as the table's name. */
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  getRowId: (row: T) => string | number;
  total: number;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  sort?: SortState | null;
  onSortChange?: (sort: SortState | null) => void;
  loading?: boolean;
  /** A background refetch: the rows stay, dimmed. */
  fetching?: boolean;
  error?: unknown;
  onRetry?: () => void;
  emptyTitle?: string;
  emptyDescription?: ReactNode;
  /** Filters shown above the table. */
  toolbar?: ReactNode;
  /** A line beside the column picker: a count, "clear filters"… */
  summary?: ReactNode;
  /** Controls before the column picker (saved views). */
  tools?: ReactNode;
  rowActions?: (row: T) => ReactNode;
  /** Checkboxes in a first column, for bulk actions. */
  selection?: RowSelection<T>;
}

function nextSort(current: SortState | null | undefined, id: string): SortState | null {
  if (current?.id !== id) return { id, direction: 'asc' };
  return current.direction === 'asc' ? { id, direction: 'desc' } : null;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** A message in place of rows stays in view when a wide table scrolls sideways (on a phone). */
const MESSAGE_CLASS = 'sticky left-0 w-full max-w-[calc(100vw-2rem-2px)]';

/** The one table every list uses: server-side sort, filters (toolbar) and pagination. */
export function DataTable<T>({
  tableId,
  caption,
  columns,
  rows,
  getRowId,
  total,
  page,
  pageSize,
  onPageChange,
  onPageSizeChange,
  sort,
  onSortChange,
  loading,
  fetching,
  error,
  onRetry,
  emptyTitle = 'Nothing here yet',
  emptyDescription,
  toolbar,
  summary,
  tools,
  rowActions,
  selection,
}: DataTableProps<T>) {
  const [hidden, setHidden] = useLocalStorage<string[]>(
    `simdesk.columns.${tableId}`,
    columns.filter((column) => column.defaultHidden).map((column) => column.id),
  );
  const visible = columns.filter((column) => column.alwaysVisible || !hidden.includes(column.id));
  const span = visible.length + (rowActions ? 1 : 0) + (selection ? 1 : 0);

  let body: ReactNode;
  if (error && !rows) {
    body = (
      <tr>
        <td colSpan={span}>
          <div className={`${MESSAGE_CLASS} p-4`}>
            <ErrorState error={error} onRetry={onRetry} />
          </div>
        </td>
      </tr>
    );
  } else if (loading && !rows) {
    body = Array.from({ length: Math.min(pageSize, 6) }, (_, index) => (
      <tr key={index} aria-hidden="true">
        {Array.from({ length: span }, (__, cell) => (
          <td key={cell} className="px-4 py-3.5">
            <span className="block h-3.5 w-3/4 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
          </td>
        ))}
      </tr>
    ));
  } else if (!rows || rows.length === 0) {
    body = (
      <tr>
        <td colSpan={span}>
          <div className={MESSAGE_CLASS}>
            <EmptyState title={emptyTitle} description={emptyDescription} />
          </div>
        </td>
      </tr>
    );
  } else {
    body = rows.map((row) => (
      <tr key={getRowId(row)} className="hover:bg-slate-50/70 dark:hover:bg-slate-800/40">
        {selection && (
          <td className="w-10 py-3 pr-0 pl-4 align-middle">
            <input
              type="checkbox"
              aria-label={selection.rowLabel(row)}
              className={checkboxClass}
              checked={selection.isSelected(row)}
              onChange={(event) => selection.onChange([row], event.target.checked)}
            />
          </td>
        )}
        {visible.map((column) => (
          <td
            key={column.id}
            className={cx(
              'px-4 py-3 align-middle text-slate-700 dark:text-slate-300',
              column.align === 'right' && 'text-right',
              column.className,
            )}
          >
            {column.cell(row)}
          </td>
        ))}
        {rowActions && <td className="px-2 py-2 text-right whitespace-nowrap">{rowActions(row)}</td>}
      </tr>
    ));
  }

  return (
    <div className={cx(cardClass, 'overflow-hidden')}>
      <div className="space-y-3 border-b border-slate-200 p-4 dark:border-slate-800">
        {toolbar}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex min-h-9 min-w-0 flex-wrap items-center gap-3 text-sm text-slate-500 dark:text-slate-400">
            {summary}
          </div>
          {/* ml-auto: on its own line (a phone) it stays at the right, so its panels fit on the card. */}
          <div className="relative ml-auto flex items-center gap-2">
            {tools}
            <ColumnPicker columns={columns} hidden={hidden} onChange={setHidden} />
          </div>
        </div>
      </div>
      {/* relative: the sr-only caption is absolutely placed and must not widen the page. */}
      <div className="relative overflow-x-auto">
        <table
          className={cx('min-w-full text-sm transition-opacity', fetching && rows && 'opacity-60')}
          aria-busy={loading || fetching || undefined}
        >
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 dark:bg-slate-900/60">
            <tr>
              {selection && (
                <th scope="col" className="w-10 py-2.5 pr-0 pl-4 text-left">
                  <SelectAllBox rows={rows ?? []} selection={selection} />
                </th>
              )}
              {visible.map((column) => {
                const active = sort?.id === column.id ? sort : null;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    aria-sort={active ? ARIA_SORT[active.direction] : undefined}
                    className={cx(
                      'px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase dark:text-slate-400',
                      column.align === 'right' ? 'text-right' : 'text-left',
                    )}
                  >
                    {column.sortable && onSortChange ? (
                      <button
                        type="button"
                        onClick={() => onSortChange(nextSort(sort, column.id))}
                        className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900 dark:hover:text-white"
                      >
                        {column.header}
                        <Icon
                          name={active ? (active.direction === 'asc' ? 'chevronUp' : 'chevronDown') : 'sort'}
                          className={cx('size-3.5', !active && 'opacity-40')}
                        />
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
              {rowActions && (
                <th scope="col" className="px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{body}</tbody>
        </table>
      </div>
      {total > 0 && (
        <Pagination
          page={page}
          pageSize={pageSize}
          total={total}
          onPageChange={onPageChange}
          onPageSizeChange={onPageSizeChange}
        />
      )}
    </div>
  );
}
