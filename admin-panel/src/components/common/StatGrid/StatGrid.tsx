import type { ReactNode } from 'react';
import { cardClass, cx } from '@/utils/styles';

/** A record's key numbers (revenue, counts, limits), as tiles: two to a row on a phone. */
export function StatGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {children}
    </dl>
  );
}

export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className={cx(cardClass, 'min-w-0 px-4 py-3.5')}>
      <dt className="truncate text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</dt>
      <dd className="mt-1 truncate text-xl font-semibold text-slate-900 tabular-nums dark:text-white">{value}</dd>
      {hint && <dd className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400">{hint}</dd>}
    </div>
  );
}
