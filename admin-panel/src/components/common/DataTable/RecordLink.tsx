import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Icon } from '@/components/common/Icon/Icon';

/**
 * A list row's link to its record. It carries the list's query string, so the record page's
 * back link returns to the same filters, sort and page.
 */
export function RecordLink({ to, children }: { to: string; children: ReactNode }) {
  const { pathname, search } = useLocation();
  return (
    <Link
      to={to}
      state={{ back: `${pathname}${search}` }}
      className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
    >
      {children}
    </Link>
  );
}

/** Back to the list the record was opened from (with its filters), else to `list`. */
export function BackLink({ list, children }: { list: string; children: ReactNode }) {
  const { state } = useLocation();
  const back = (state as { back?: unknown } | null)?.back;
  const to = typeof back === 'string' && back.startsWith(list) ? back : list;
  return (
    <Link
      to={to}
      className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
    >
      <Icon name="chevronLeft" className="size-4" />
      {children}
    </Link>
  );
}
