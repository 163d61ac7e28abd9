import { useMemo, useState } from 'react';
import type { ClientRead, ResellerRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import type { Column } from '@/components/common/DataTable/types';
import { ValueBadge } from '@/components/common/StatusBadge/StatusBadge';
import { useAuth } from '@/hooks/useAuth';
import { useActivePlans, useResellerClients } from '@/services/resellers';
import { formatDate } from '@/utils/format';
import { ClientFormModal } from './ClientFormModal';
import { CLIENT_TONES } from './resellerStatus';

const number = new Intl.NumberFormat();

function clientColumns(planName: (id: number) => string): Column<ClientRead>[] {
  return [
    {
      id: 'client_name',
      header: 'Client',
      alwaysVisible: true,
      cell: (client) => (
        <div className="min-w-40">
          <p className="font-medium text-slate-900 dark:text-white">{client.client_name}</p>
          <p className="text-xs text-slate-500 dark:text-slate-400">{client.client_email}</p>
        </div>
      ),
    },
    { id: 'client_phone', header: 'Phone', cell: (client) => <span className="whitespace-nowrap">{client.client_phone}</span> },
    { id: 'plan', header: 'Plan', cell: (client) => (client.plan_id === null ? '—' : planName(client.plan_id)) },
    { id: 'status', header: 'Status', cell: (client) => <ValueBadge value={client.status} tones={CLIENT_TONES} /> },
    {
      id: 'usage',
      header: 'Orders this month',
      align: 'right',
      cell: (client) =>
        `${number.format(client.current_usage)}${client.monthly_limit ? ` of ${number.format(client.monthly_limit)}` : ''}`,
    },
    { id: 'created_at', header: 'Added', cell: (client) => <span className="whitespace-nowrap">{formatDate(client.created_at)}</span> },
  ];
}

/** The reseller's clients. A list across all resellers awaits GET /api/clients/. */
export function ResellerClients({ reseller }: { reseller: ResellerRead }) {
  const { canCall } = useAuth();
  const [adding, setAdding] = useState(false);
  const plans = useActivePlans(canCall('GET /api/catalog/plans/'));
  const columns = useMemo(() => {
    const names = new Map(plans.data?.items.map((plan) => [plan.id, plan.name]));
    return clientColumns((id) => names.get(id) ?? `Plan #${id}`);
  }, [plans.data]);

  return (
    <>
      <RelatedTable
        tableId="reseller-clients"
        caption={`Clients of ${reseller.business_name}`}
        columns={columns}
        useRows={(paging) => useResellerClients(reseller.id, paging)}
        getRowId={(client) => client.id}
        noun={['client', 'clients']}
        emptyTitle="No clients yet"
        actions={
          canCall('POST /api/resellers/{reseller_id}/clients/') && (
            <ActionButton icon="plus" onClick={() => setAdding(true)}>
              Add client
            </ActionButton>
          )
        }
      />
      {adding && <ClientFormModal reseller={reseller} onClose={() => setAdding(false)} />}
    </>
  );
}
