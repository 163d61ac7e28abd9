import { useMemo } from 'react';
import { ClientFilters } from '@/components/clients/ClientFilters';
import { useClientColumns } from '@/components/clients/clientColumns';
import { useClientActions } from '@/components/clients/useClientActions';
import { DataTable } from '@/components/common/DataTable/DataTable';
import { ListSummary } from '@/components/common/ListSummary/ListSummary';
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
  const { list, query, filtered } = useListQuery(CLIENT_FILTERS, usePageSizePreference());
  const clients = useClientList(query);
  const resellers = useResellerList(RESELLER_PICKER, canCall('GET /api/resellers/'));
  const resellerNames = useMemo(
    () => new Map(resellers.data?.items.map((reseller) => [reseller.id, reseller.business_name])),
    [resellers.data],
  );
  const columns = useClientColumns(resellerNames);
  const { rowActions, dialogs } = useClientActions();

  return (
    <>
      <PageHeader title="Clients" description="The resellers' own customers, with their plans and monthly limits." />
      <DataTable
        tableId="clients"
        caption="Clients"
        columns={columns}
        rows={clients.data?.items}
        getRowId={(row) => row.id}
        total={clients.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        onPageSizeChange={list.setPageSize}
        sort={list.sort}
        onSortChange={list.setSort}
        loading={clients.isPending}
        fetching={clients.isFetching}
        error={clients.error}
        onRetry={() => void clients.refetch()}
        emptyTitle={filtered ? 'No clients match' : 'No clients yet'}
        emptyDescription={filtered ? 'Try other words or fewer filters.' : undefined}
        toolbar={<ClientFilters values={list.filters} onChange={list.setFilters} resellers={resellers.data?.items} />}
        summary={
          <ListSummary
            total={clients.data?.total}
            exact={clients.data?.total_exact}
            filtered={filtered}
            onClear={list.clearFilters}
            noun={['client', 'clients']}
          />
        }
        rowActions={rowActions}
      />
      {dialogs}
    </>
  );
}
