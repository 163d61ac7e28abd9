import { useState } from 'react';
import type { ResellerRead } from '@/api/types';
import { ClientFormModal } from '@/components/clients/ClientFormModal';
import { useClientColumns } from '@/components/clients/clientColumns';
import { useClientActions } from '@/components/clients/useClientActions';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import { useAuth } from '@/hooks/useAuth';
import { useResellerClients } from '@/services/resellers';

/** The reseller's clients, with the same row actions as the clients list. */
export function ResellerClients({ reseller }: { reseller: ResellerRead }) {
  const { canCall } = useAuth();
  const [adding, setAdding] = useState(false);
  const columns = useClientColumns();
  const { rowActions, dialogs } = useClientActions();

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
        rowActions={rowActions}
      />
      {adding && <ClientFormModal reseller={reseller} onClose={() => setAdding(false)} />}
      {dialogs}
    </>
  );
}
