import { useId } from 'react';
import { Icon } from '@/components/common/Icon/Icon';
import { PAGE_SIZES } from '@/hooks/useListParams';
import { inputClass, cx } from '@/utils/styles';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
}

const number = new Intl.NumberFormat();
const navButton =
  'inline-flex size-9 items-center justify-center rounded-lg border border-slate-300 bg-white text-slate-600 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800';

export function Pagination({ page, pageSize, total, onPageChange, onPageSizeChange }: PaginationProps) {
  const sizeId = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-col gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between dark:border-slate-800 dark:text-slate-400"
    >
      <p aria-live="polite">
        {total === 0 ? (
          'No results'
        ) : (
          <>
            Showing <span className="font-medium text-slate-900 dark:text-white">{number.format(first)}</span>–
            <span className="font-medium text-slate-900 dark:text-white">{number.format(last)}</span> of{' '}
            <span className="font-medium text-slate-900 dark:text-white">{number.format(total)}</span>
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {onPageSizeChange && (
          <div className="flex items-center gap-2">
            <label htmlFor={sizeId} className="whitespace-nowrap">
              Rows per page
            </label>
            <select
              id={sizeId}
              className={cx(inputClass, 'w-20! shrink-0 py-1.5')}
              value={pageSize}
              onChange={(event) => onPageSizeChange(Number(event.target.value))}
            >
              {[...new Set([...PAGE_SIZES, pageSize])].sort((a, b) => a - b).map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </div>
        )}
        <span className="whitespace-nowrap">
          Page {page} of {pages}
        </span>
        <div className="flex gap-1.5">
          <button type="button" className={navButton} disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
            <Icon name="chevronLeft" label="Previous page" className="size-4" />
          </button>
          <button type="button" className={navButton} disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
            <Icon name="chevronRight" label="Next page" className="size-4" />
          </button>
        </div>
      </div>
    </nav>
  );
}
