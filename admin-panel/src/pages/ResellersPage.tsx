import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ResellerRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ActionMenu } from '@/components/common/ActionMenu/ActionMenu';
import { DataTransferActions } from '@/components/dataTransfer/DataTransferActions';
import { ListTable } from '@/components/common/DataTable/ListTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { ResellerDialogs, type ResellerIntent } from '@/components/resellers/ResellerDialogs';
import { resellerMenu } from '@/components/resellers/resellerActions';
import { RESELLER_COLUMNS } from '@/components/resellers/resellerColumns';
import { ResellerFilters } from '@/components/resellers/ResellerFilters';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListQuery } from '@/hooks/useListQuery';
import { usePageSizePreference } from '@/hooks/usePageSizePreference';
import { RESELLER_FILTERS, useResellerList } from '@/services/resellers';

export default function ResellersPage() {
  useDocumentTitle('Resellers');
  const navigate = useNavigate();
  const { canCall } = useAuth();
  const state = useListQuery(RESELLER_FILTERS, usePageSizePreference());
  const resellers = useResellerList(state.query, state.valid);
  const [pending, setPending] = useState<{ reseller: ResellerRead; intent: ResellerIntent } | null>(null);

  return (
    <>
      <PageHeader
        title="Resellers"
        description="Businesses that sell SIMs to their own clients, with their limits and status."
        actions={
          <>
            <DataTransferActions resource="resellers" query={state.query} noun="resellers" disabled={!state.valid} />
            {canCall('POST /api/resellers/') && (
              <ActionButton icon="plus" onClick={() => void navigate('/resellers/add')}>
                Add reseller
              </ActionButton>
            )}
          </>
        }
      />
      <ListTable
        tableId="resellers"
        caption="Resellers"
        columns={RESELLER_COLUMNS}
        state={state}
        result={resellers}
        noun={['reseller', 'resellers']}
        getRowId={(row) => row.id}
        toolbar={<ResellerFilters values={state.list.filters} onChange={state.list.setFilters} problems={state.problems} />}
        rowActions={(row) => (
          <ActionMenu
            label={`Actions for ${row.business_name}`}
            actions={resellerMenu(row, {
              canCall,
              open: (path) => void navigate(path),
              ask: (intent) => setPending({ reseller: row, intent }),
            })}
          />
        )}
      />
      {pending && (
        <ResellerDialogs reseller={pending.reseller} intent={pending.intent} onClose={() => setPending(null)} />
      )}
    </>
  );
}
