import type { OrderStatus, PaymentStatus } from '@/api/types';
import { StatusBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import { humanize } from '@/utils/format';

const ORDER_TONES: Record<OrderStatus, BadgeTone> = {
  pending: 'warning',
  confirmed: 'info',
  dispatched: 'info',
  delivered: 'success',
  activated: 'success',
  cancelled: 'neutral',
};

const PAYMENT_TONES: Record<PaymentStatus, BadgeTone> = {
  pending: 'warning',
  authorized: 'info',
  voided: 'neutral',
  paid: 'success',
  failed: 'danger',
  partially_refunded: 'neutral',
  refunded: 'neutral',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <StatusBadge tone={ORDER_TONES[status]}>{humanize(status)}</StatusBadge>;
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <StatusBadge tone={PAYMENT_TONES[status]}>{humanize(status)}</StatusBadge>;
}
