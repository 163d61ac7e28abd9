import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { OrderStatus } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { BackLink } from '@/components/common/DataTable/RecordLink';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { AssignDeliveryModal } from '@/components/orders/AssignDeliveryModal';
import { OrderStatusBadge } from '@/components/orders/OrderBadges';
import { OrderFacts } from '@/components/orders/OrderFacts';
import { PriceBreakdown } from '@/components/orders/PriceBreakdown';
import { StatusTimeline } from '@/components/orders/StatusTimeline';
import { StatusUpdateForm } from '@/components/orders/StatusUpdateForm';
import { WorkflowLink } from '@/components/orders/WorkflowLink';
import { WorkflowProgress } from '@/components/orders/WorkflowProgress';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useLiveOrder, useOrder } from '@/services/orders';
import { humanize } from '@/utils/format';

/** How long to keep checking for a change a workflow accepted (202) before leaving it be. */
const AWAIT_MS = 30_000;

export default function OrderDetailsPage() {
  const id = Number(useParams().id);
  const { canCall } = useAuth();
  const [awaiting, setAwaiting] = useState<OrderStatus | null>(null);
  const [assigning, setAssigning] = useState(false);
  const order = useOrder(id, awaiting);
  useLiveOrder(id);
  useDocumentTitle(order.data ? `Order ${order.data.order_number}` : 'Order');

  useEffect(() => {
    if (!awaiting) return;
    const timer = window.setTimeout(() => setAwaiting(null), AWAIT_MS);
    return () => window.clearTimeout(timer);
  }, [awaiting]);

  const back = <BackLink list="/orders">Back to orders</BackLink>;
  if (order.isPending) {
    return (
      <>
        {back}
        <LoadingSpinner label="Loading order…" />
      </>
    );
  }
  if (order.isError) {
    return (
      <>
        {back}
        <ErrorState error={order.error} onRetry={() => void order.refetch()} />
      </>
    );
  }

  const data = order.data;
  const waiting = awaiting !== null && data.status !== awaiting;
  const canAssign =
    canCall('POST /api/orders/{order_id}/assign-delivery/') &&
    data.sim_type === 'physical' &&
    (data.status === 'confirmed' || data.status === 'dispatched');

  return (
    <>
      {back}
      <PageHeader
        title={data.order_number}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <OrderStatusBadge status={data.status} />
            <span>
              {humanize(data.order_type)} order for {data.plan_name}
            </span>
          </span>
        }
        actions={
          <>
            {canAssign && (
              <ActionButton variant="secondary" icon="edit" onClick={() => setAssigning(true)}>
                {data.courier ? 'Change delivery' : 'Assign delivery'}
              </ActionButton>
            )}
            <WorkflowLink url={data.workflow_url} />
          </>
        }
      />
      {waiting && (
        <FormAlert tone="info" className="mb-6">
          The order&apos;s workflow is making the change: waiting for it to become {humanize(awaiting).toLowerCase()}…
        </FormAlert>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Order details">
            <OrderFacts order={data} />
          </Card>
          <Card title="Price">
            <PriceBreakdown order={data} />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          {canCall('PATCH /api/orders/{order_id}/status/') && (
            <Card title="Change status">
              <StatusUpdateForm order={data} onAccepted={setAwaiting} disabled={waiting} />
            </Card>
          )}
          <Card title="Workflow progress">
            <WorkflowProgress orderId={data.id} />
          </Card>
          <Card title="Status history">
            <StatusTimeline history={data.status_history} />
          </Card>
        </div>
      </div>
      {assigning && (
        <AssignDeliveryModal
          order={data}
          onClose={() => setAssigning(false)}
          onAccepted={() => setAwaiting('dispatched')}
        />
      )}
    </>
  );
}
