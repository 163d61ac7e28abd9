import { useMemo } from 'react';
import type { ClientRead } from '@/api/types';
import { RecordLink } from '@/components/common/DataTable/RecordLink';
import type { Column } from '@/components/common/DataTable/types';
import { ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { useAuth } from '@/hooks/useAuth';
import { useActivePlans } from '@/services/resellers';
import { formatDate } from '@/utils/format';
import { CLIENT_TONES } from './clientStatus';

const number = new Intl.NumberFormat();
type Name = (id: number) => string;

/** Column ids of sortable columns are the API's `ordering` names (sorting only where it is offered). */
function clientColumns(planName: Name, resellerName?: Name): Column<ClientRead>[] {
  const columns: Column<ClientRead>[] = [
    {
      id: 'client_name',
      header: 'Client',
      alwaysVisible: true,
      sortable: true,
      cell: (client) => (
        <div className="min-w-40">
          <RecordLink to={`/clients/${client.id}`}>{client.client_name}</RecordLink>
          <p className="text-xs text-slate-500 dark:text-slate-400">{client.client_email}</p>
        </div>
      ),
    },
    { id: 'client_phone', header: 'Phone', cell: (client) => <span className="whitespace-nowrap">{client.client_phone}</span> },
    { id: 'plan', header: 'Plan', cell: (client) => (client.plan_id === null ? '—' : planName(client.plan_id)) },
    { id: 'status', header: 'Status', cell: (client) => <ValueBadge value={client.status} tones={CLIENT_TONES} /> },
    {
      id: 'current_usage',
      header: 'Orders this month',
      align: 'right',
      sortable: true,
      cell: (client) =>
        `${number.format(client.current_usage)}${client.monthly_limit ? ` of ${number.format(client.monthly_limit)}` : ''}`,
    },
    {
      id: 'created_at',
      header: 'Added',
      sortable: true,
      cell: (client) => <span className="whitespace-nowrap">{formatDate(client.created_at)}</span>,
    },
  ];
  if (resellerName) {
    columns.splice(1, 0, {
      id: 'reseller',
      header: 'Reseller',
      cell: (client) => <RecordLink to={`/resellers/${client.reseller_id}`}>{resellerName(client.reseller_id)}</RecordLink>,
    });
  }
  return columns;
}

/** The client columns, plans named when the catalogue can be read; a reseller column if names are given. */
export function useClientColumns(resellerNames?: ReadonlyMap<number, string>) {
  const { canCall } = useAuth();
  const plans = useActivePlans(canCall('GET /api/catalog/plans/'));
  return useMemo(() => {
    const names = new Map(plans.data?.items.map((plan) => [plan.id, plan.name]));
    return clientColumns(
      (id) => names.get(id) ?? `Plan #${id}`,
      resellerNames && ((id) => resellerNames.get(id) ?? `Reseller #${id}`),
    );
  }, [plans.data, resellerNames]);
}
