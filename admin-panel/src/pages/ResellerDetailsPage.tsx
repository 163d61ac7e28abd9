import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { RelatedTable } from '@/components/common/DataTable/RelatedTable';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { Tabs, type TabItem } from '@/components/common/Tabs/Tabs';
import { ORDER_COLUMNS } from '@/components/orders/orderColumns';
import { ResellerActivity } from '@/components/resellers/ResellerActivity';
import { ResellerClients } from '@/components/resellers/ResellerClients';
import { ResellerDialogs, type ResellerIntent } from '@/components/resellers/ResellerDialogs';
import { OnboardingPanel } from '@/components/resellers/OnboardingPanel';
import { ResellerOverview } from '@/components/resellers/ResellerOverview';
import { statusMoves } from '@/components/resellers/resellerStatus';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { OPEN_ONBOARDING } from '@/services/onboarding';
import { useReseller, useResellerOrders } from '@/services/resellers';

export default function ResellerDetailsPage() {
  const id = Number(useParams().id);
  const reseller = useReseller(id);
  useDocumentTitle(reseller.data?.business_name ?? 'Reseller');
  const navigate = useNavigate();
  const { can, canCall } = useAuth();
  const [intent, setIntent] = useState<ResellerIntent | null>(null);

  if (reseller.error) return <ErrorState error={reseller.error} onRetry={() => void reseller.refetch()} />;
  if (!reseller.data) return <LoadingSpinner fullPage />;
  const data = reseller.data;

  const tabs: TabItem[] = [];
  if (can('clients:read')) tabs.push({ id: 'clients', label: 'Clients', content: <ResellerClients reseller={data} /> });
  if (canCall('GET /api/resellers/{reseller_id}/orders/')) {
    tabs.push({
      id: 'orders',
      label: 'Orders',
      content: (
        <RelatedTable
          tableId="reseller-orders"
          caption={`Orders of ${data.business_name}`}
          columns={ORDER_COLUMNS}
          useRows={(paging) => useResellerOrders(id, paging)}
          getRowId={(row) => row.id}
          noun={['order', 'orders']}
          emptyTitle="No orders yet"
        />
      ),
    });
  }
  if (canCall('GET /api/resellers/{reseller_id}/activity/')) {
    tabs.push({ id: 'activity', label: 'Activity', content: <ResellerActivity resellerId={data.id} /> });
  }

  return (
    <>
      <PageHeader
        title={data.business_name}
        description={`${data.contact_person} · ${data.city}, ${data.country}`}
        actions={
          <>
            {canCall('PUT /api/resellers/{reseller_id}/') && (
              <ActionButton icon="edit" onClick={() => void navigate(`/resellers/${id}/edit`)}>
                Edit
              </ActionButton>
            )}
            {canCall('PATCH /api/resellers/{reseller_id}/status/') &&
              statusMoves(data.status, OPEN_ONBOARDING.includes(data.onboarding_status)).map((move) => (
                <ActionButton
                  key={move.status}
                  variant="secondary"
                  icon={move.tone === 'danger' ? 'lock' : 'check'}
                  onClick={() => setIntent({ kind: 'status', move })}
                >
                  {move.label}
                </ActionButton>
              ))}
            {canCall('DELETE /api/resellers/{reseller_id}/') && (
              <ActionButton variant="secondary" icon="trash" onClick={() => setIntent({ kind: 'delete' })}>
                Delete
              </ActionButton>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <ResellerOverview reseller={data} />
        {data.onboarding_status && <OnboardingPanel reseller={data} />}
        {tabs.length > 0 && <Tabs label="About this reseller" tabs={tabs} />}
      </div>
      <ResellerDialogs
        reseller={data}
        intent={intent}
        onClose={() => setIntent(null)}
        onDeleted={() => void navigate('/resellers', { replace: true })}
      />
    </>
  );
}
