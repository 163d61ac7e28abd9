/**
 * The values of the API's enums at run time (schema.d.ts has only their types). Each list is
 * written as a record of the schema's type, so a value added to the API fails the type check
 * here instead of going missing from a filter.
 */
import type {
  OrderSource,
  OrderStatus,
  PaymentStatus,
  TicketPriority,
  TicketStatus,
  TransactionStatus,
  TransactionType,
} from './types';

function values<T extends string>(all: Record<T, true>): T[] {
  return Object.keys(all) as T[];
}

/** In lifecycle order. */
export const ORDER_STATUSES = values<OrderStatus>({
  pending: true,
  confirmed: true,
  dispatched: true,
  delivered: true,
  activated: true,
  cancelled: true,
});
export const ORDER_SOURCES = values<OrderSource>({ app_user: true, reseller_client: true });
export const PAYMENT_STATUSES = values<PaymentStatus>({
  pending: true,
  authorized: true,
  voided: true,
  paid: true,
  failed: true,
  partially_refunded: true,
  refunded: true,
});
export const TRANSACTION_TYPES = values<TransactionType>({
  payment: true,
  refund: true,
  commission: true,
  commission_reversal: true,
  credit: true,
});
export const TRANSACTION_STATUSES = values<TransactionStatus>({
  pending: true,
  completed: true,
  failed: true,
  cancelled: true,
});
/** In lifecycle order. */
export const TICKET_STATUSES = values<TicketStatus>({ open: true, in_progress: true, resolved: true, closed: true });
/** Least to most pressing. */
export const TICKET_PRIORITIES = values<TicketPriority>({ low: true, medium: true, high: true, urgent: true });
