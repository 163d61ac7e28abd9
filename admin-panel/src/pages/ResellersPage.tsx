import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ResellerRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ActionMenu } from '@/components/common/ActionMenu/ActionMenu';
import { DataTable } from '@/components/common/DataTable/DataTable';
import { ListSummary } from '@/components/common/ListSummary/ListSummary';
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
  const { list, query, problems, valid, filtered } = useListQuery(RESELLER_FILTERS, usePageSizePreference());
  const resellers = useResellerList(query, valid);
  const [pending, setPending] = useState<{ reseller: ResellerRead; intent: ResellerIntent } | null>(null);

  return (
    <>
      <PageHeader
        title="Resellers"
        description="Businesses that sell SIMs to their own clients, with their limits and status."
        actions={
          canCall('POST /api/resellers/') && (
            <ActionButton icon="plus" onClick={() => void navigate('/resellers/add')}>
              Add reseller
            </ActionButton>
          )
        }
      />
      <DataTable
        tableId="resellers"
        caption="Resellers"
        columns={RESELLER_COLUMNS}
        rows={resellers.data?.items}
        getRowId={(row) => row.id}
        total={resellers.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        onPageSizeChange={list.setPageSize}
        sort={list.sort}
        onSortChange={list.setSort}
        loading={resellers.isPending && valid}
        fetching={resellers.isFetching}
        error={resellers.error}
        onRetry={() => void resellers.refetch()}
        emptyTitle={filtered ? 'No resellers match' : 'No resellers yet'}
        emptyDescription={filtered ? 'Try other words or fewer filters.' : undefined}
        toolbar={<ResellerFilters values={list.filters} onChange={list.setFilters} problems={problems} />}
        summary={
          <ListSummary
            total={resellers.data?.total}
            exact={resellers.data?.total_exact}
            filtered={filtered}
            onClear={list.clearFilters}
            noun={['reseller', 'resellers']}
          />
        }
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
