import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { Stat, StatGrid } from '@/components/common/StatGrid/StatGrid';
import type { DashboardMetrics } from '@/services/dashboard';
import { useDashboardMetrics } from '@/services/dashboard';
import { formatMoney } from '@/utils/format';
import { cx } from '@/utils/styles';

interface Figure {
  value: number | string;
  previous: number | string | null;
  change_percent: number | null;
}

type MetricName = Exclude<keyof DashboardMetrics, 'on'>;

// [field, label, money, what "previous" is]
const CARDS: ReadonlyArray<readonly [MetricName, string, boolean, string]> = [
  ['revenue_today', 'Revenue today', true, 'yesterday'],
  ['revenue_month', 'Revenue this month', true, 'last month'],
  ['revenue_total', 'Revenue, all time', true, 'at the start of the month'],
  ['orders_today', 'Orders today', false, 'yesterday'],
  ['orders_month', 'Orders this month', false, 'last month'],
  ['pending_orders', 'Pending orders', false, 'yesterday'],
  ['public_users', 'App users', false, 'at the start of the month'],
  ['resellers', 'Resellers', false, 'at the start of the month'],
  ['reseller_clients', 'Reseller clients', false, 'at the start of the month'],
  ['open_tickets', 'Open tickets', false, 'yesterday'],
  ['active_staff_sessions', 'Staff signed in', false, ''],
];

/** "▲ 12.5% vs yesterday"; nothing when there is no previous figure to compare with. */
export function Change({ figure, against }: { figure: Figure; against: string }) {
  if (figure.previous === null) return null;
  const percent = figure.change_percent;
  if (percent === null) return <span>was 0 {against}</span>;
  const direction = percent > 0 ? 'up' : percent < 0 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '';
  return (
    <span
      className={cx(
        'font-medium',
        direction === 'up' && 'text-emerald-700 dark:text-emerald-400',
        direction === 'down' && 'text-red-700 dark:text-red-400',
      )}
    >
      {arrow && <span aria-hidden="true">{arrow} </span>}
      <span className="sr-only">{direction === 'flat' ? 'unchanged' : direction} </span>
      {Math.abs(percent)}%<span className="font-normal text-slate-500 dark:text-slate-400"> vs {against}</span>
    </span>
  );
}

/** The key figures, each with its change from the previous period. Absent ones (a reseller's view) are left out. */
export function MetricCards() {
  const metrics = useDashboardMetrics();
  if (metrics.error) return <ErrorState error={metrics.error} title="The figures could not be loaded" onRetry={() => void metrics.refetch()} />;
  if (!metrics.data) return <LoadingSpinner label="Loading figures…" className="py-8" />;
  const data = metrics.data;
  return (
    <StatGrid label="Key figures">
      {CARDS.map(([name, label, money, against]) => {
        const figure = data[name];
        if (!figure) return null;
        const value = money ? formatMoney(String(figure.value)) : figure.value.toLocaleString();
        return <Stat key={name} label={label} value={value} hint={figure.previous === null ? undefined : <Change figure={figure} against={against} />} />;
      })}
    </StatGrid>
  );
}
