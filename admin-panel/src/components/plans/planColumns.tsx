import type { components } from '@/api/schema';
import type { Column } from '@/components/common/DataTable/types';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { formatMoney, humanize } from '@/utils/format';

type PlanRead = components['schemas']['PlanRead'];

function allowance(plan: PlanRead): string {
  const parts = [
    plan.data_mb !== null && (plan.data_mb >= 1024 ? `${Math.round(plan.data_mb / 1024)} GB` : `${plan.data_mb} MB`),
    plan.voice_minutes !== null && `${plan.voice_minutes} min`,
    plan.sms_count !== null && `${plan.sms_count} SMS`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : '—';
}

export const PLAN_COLUMNS: Column<PlanRead>[] = [
  {
    id: 'name',
    header: 'Plan',
    alwaysVisible: true,
    sortable: true,
    cell: (plan) => (
      <span className="block min-w-36">
        <span className="block font-medium text-slate-900 dark:text-white">{plan.name}</span>
        <code className="text-xs text-slate-500 dark:text-slate-400">{plan.code}</code>
      </span>
    ),
  },
  { id: 'network_provider', header: 'Network', cell: (plan) => plan.network_provider },
  { id: 'sim_type', header: 'SIM', cell: (plan) => humanize(plan.sim_type) },
  { id: 'allowance', header: 'Allowance', cell: (plan) => <span className="whitespace-nowrap">{allowance(plan)}</span> },
  { id: 'validity_days', header: 'Valid for', align: 'right', cell: (plan) => `${plan.validity_days} days` },
  {
    id: 'price',
    header: 'Price',
    sortable: true,
    align: 'right',
    cell: (plan) => <span className="whitespace-nowrap">{formatMoney(plan.price, plan.currency)}</span>,
  },
  {
    id: 'is_active',
    header: 'On sale',
    cell: (plan) => <StatusBadge tone={plan.is_active ? 'success' : 'neutral'}>{plan.is_active ? 'On sale' : 'Withdrawn'}</StatusBadge>,
  },
];
