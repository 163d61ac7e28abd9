import type { OrderDetail } from '@/api/types';
import { Fact, FactList } from '@/components/common/FactList/FactList';
import { formatDateTime, humanize } from '@/utils/format';
import { PaymentStatusBadge } from './OrderBadges';
import { buyerLabel } from './orderColumns';

/** Timestamps an order collects on its way; only the ones it has reached are shown. */
const MILESTONES = [
  ['dispatched_at', 'Dispatched'],
  ['delivered_at', 'Delivered'],
  ['activated_at', 'Activated'],
  ['cancelled_at', 'Cancelled'],
] as const;

export function OrderFacts({ order }: { order: OrderDetail }) {
  const physical = order.sim_type === 'physical';
  return (
    <FactList>
      <Fact label="Source">{humanize(order.order_type)}</Fact>
      <Fact label="Buyer">{buyerLabel(order)}</Fact>
      <Fact label="Plan">{order.plan_name}</Fact>
      <Fact label="SIM">{physical ? 'Physical SIM' : 'eSIM'}</Fact>
      <Fact label="Network">{order.network_provider || '—'}</Fact>
      <Fact label="Payment">
        <PaymentStatusBadge status={order.payment_status} />
      </Fact>
      <Fact label="Placed">{formatDateTime(order.created_at)}</Fact>
      <Fact label="Last change">{formatDateTime(order.updated_at)}</Fact>
      {MILESTONES.filter(([field]) => order[field]).map(([field, label]) => (
        <Fact key={field} label={label}>
          {formatDateTime(order[field])}
        </Fact>
      ))}
      {physical && (
        <>
          <Fact label="Courier">{order.courier || 'Not assigned'}</Fact>
          <Fact label="Tracking number">
            {order.delivery_tracking_number ? <span className="font-mono">{order.delivery_tracking_number}</span> : '—'}
          </Fact>
          <Fact label="Delivery ETA">{formatDateTime(order.delivery_eta)}</Fact>
          <Fact label="Delivery address" wide>
            <span className="whitespace-pre-line">{order.delivery_address || '—'}</span>
          </Fact>
        </>
      )}
      {order.notes && (
        <Fact label="Notes" wide>
          <span className="whitespace-pre-line">{order.notes}</span>
        </Fact>
      )}
    </FactList>
  );
}
