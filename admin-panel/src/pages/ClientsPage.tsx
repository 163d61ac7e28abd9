import { useMemo } from 'react';
import { ClientFilters } from '@/components/clients/ClientFilters';
import { useClientColumns } from '@/components/clients/clientColumns';
import { useClientActions } from '@/components/clients/useClientActions';
import { DataTransferActions } from '@/components/dataTransfer/DataTransferActions';
import { ListTable } from '@/components/common/DataTable/ListTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListQuery } from '@/hooks/useListQuery';
import { usePageSizePreference } from '@/hooks/usePageSizePreference';
import { CLIENT_FILTERS, useClientList } from '@/services/clients';
import { useResellerList } from '@/services/resellers';

/** The first 100 resellers by name: enough to pick from and to name the clients' resellers. */
const RESELLER_PICKER = { page: 1, page_size: 100, ordering: 'business_name' };

export default function ClientsPage() {
  useDocumentTitle('Clients');
  const { canCall } = useAuth();
  const state = useListQuery(CLIENT_FILTERS, usePageSizePreference());
  const clients = useClientList(state.query);
  const resellers = useResellerList(RESELLER_PICKER, canCall('GET /api/resellers/'));
  const resellerNames = useMemo(
    () => new Map(resellers.data?.items.map((reseller) => [reseller.id, reseller.business_name])),
    [resellers.data],
  );
  const columns = useClientColumns(resellerNames);
  const { rowActions, dialogs } = useClientActions();

  return (
    <>
      <PageHeader
        title="Clients"
        description="The resellers' own customers, with their plans and monthly limits."
        actions={<DataTransferActions resource="clients" query={state.query} noun="clients" />}
      />
      <ListTable
        tableId="clients"
        caption="Clients"
        columns={columns}
        state={state}
        result={clients}
        noun={['client', 'clients']}
        getRowId={(row) => row.id}
        toolbar={<ClientFilters values={state.list.filters} onChange={state.list.setFilters} resellers={resellers.data?.items} />}
        rowActions={rowActions}
      />
      {dialogs}
    </>
  );
}
