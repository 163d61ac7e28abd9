import type { ReactNode } from 'react';
import { cx } from '@/utils/styles';

/** Label/value pairs of a record's details, two or more to a row as the width allows. */
export function FactList({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={cx('grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2', className)}>{children}</dl>;
}

export function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={cx('min-w-0', wide && 'sm:col-span-2')}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}
