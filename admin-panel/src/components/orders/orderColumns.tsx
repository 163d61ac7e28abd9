import type { OrderRead } from '@/api/types';
import { RecordLink } from '@/components/common/DataTable/RecordLink';
import type { Column } from '@/components/common/DataTable/types';
import { formatDateTime, formatMoney, humanize } from '@/utils/format';
import { OrderStatusBadge, PaymentStatusBadge } from './OrderBadges';

const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

/** Who bought: an app user directly, or a reseller for one of its clients. */
export function buyerLabel(order: Pick<OrderRead, 'user_id' | 'reseller_id' | 'client_id'>): string {
  if (order.reseller_id !== null) {
    return `Reseller #${order.reseller_id}${order.client_id !== null ? `, client #${order.client_id}` : ''}`;
  }
  return order.user_id !== null ? `App user #${order.user_id}` : '—';
}

export const ORDER_COLUMNS: Column<OrderRead>[] = [
  {
    id: 'order_number',
    header: 'Order',
    alwaysVisible: true,
    sortable: true,
    cell: (order) => (
      <span className="whitespace-nowrap">
        <RecordLink to={`/orders/${order.id}`}>{order.order_number}</RecordLink>
      </span>
    ),
  },
  { id: 'created_at', header: 'Placed', sortable: true, cell: (order) => nowrap(formatDateTime(order.created_at)) },
  { id: 'source', header: 'Source', cell: (order) => nowrap(humanize(order.order_type)) },
  { id: 'buyer', header: 'Buyer', defaultHidden: true, cell: (order) => nowrap(buyerLabel(order)) },
  {
    id: 'plan',
    header: 'Plan',
    cell: (order) => (
      <div className="min-w-36">
        <p>{order.plan_name}</p>
        <p className="text-xs text-slate-500 dark:text-slate-400">{order.sim_type === 'esim' ? 'eSIM' : 'Physical SIM'}</p>
      </div>
    ),
  },
  { id: 'network_provider', header: 'Network', cell: (order) => nowrap(order.network_provider || '—') },
  { id: 'status', header: 'Status', sortable: true, cell: (order) => <OrderStatusBadge status={order.status} /> },
  { id: 'payment_status', header: 'Payment', cell: (order) => <PaymentStatusBadge status={order.payment_status} /> },
  {
    id: 'total_amount',
    header: 'Total',
    sortable: true,
    align: 'right',
    cell: (order) => <span className="whitespace-nowrap tabular-nums">{formatMoney(order.total_amount, order.currency)}</span>,
  },
  {
    id: 'tracking',
    header: 'Tracking',
    defaultHidden: true,
    cell: (order) =>
      order.delivery_tracking_number ? nowrap(`${order.courier} ${order.delivery_tracking_number}`) : '—',
  },
  { id: 'updated_at', header: 'Updated', defaultHidden: true, cell: (order) => nowrap(formatDateTime(order.updated_at)) },
];
