import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, authorizedFetch, buildUrl } from '@/api/client';
import type { OrderDetail, OrderRead, OrderStatus } from '@/api/types';
import type { FilterProblems } from '@/hooks/useCheckedListQuery';
import type { ListQuery } from '@/hooks/useListQuery';
import { useLiveEvents, type LiveMessage } from '@/hooks/useLiveEvents';
import { amountProblem, amountRangeProblem, minLengthProblem, problemsOf } from '@/utils/filterChecks';
import { queryKeys } from './queryKeys';

export const ORDER_FILTERS = [
  'search',
  'source',
  'status',
  'payment_status',
  'network_provider',
  'created_from',
  'created_to',
  'amount_min',
  'amount_max',
] as const;
export type OrderFilterName = (typeof ORDER_FILTERS)[number];

/** Mistakes in the filters the API would refuse with a 422 (the date range is checked by useListQuery). */
export function checkOrderFilters(filters: Record<OrderFilterName, string>): FilterProblems<OrderFilterName> {
  return problemsOf<OrderFilterName>([
    // The API looks an order or tracking number up exactly, or a name or phone: 2 characters at least.
    ['search', minLengthProblem(filters.search, 2)],
    ['amount_min', amountProblem(filters.amount_min, 'The minimum')],
    [
      'amount_max',
      amountProblem(filters.amount_max, 'The maximum') ?? amountRangeProblem(filters.amount_min, filters.amount_max),
    ],
  ]);
}

export function useOrderList(query: ListQuery<OrderFilterName>['query'], enabled = true) {
  return useQuery({
    queryKey: queryKeys.orders(query),
    queryFn: ({ signal }) => api.get('/api/orders/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A bulk status change announces every order: their refetches of a list are taken together. */
const LIVE_BURST_MS = 300;

const statusChangeOf = (message: LiveMessage) =>
  message.type === 'order.status_changed'
    ? { orderId: Number(message.data.order_id), from: String(message.data.from), to: String(message.data.to) }
    : null;

/**
 * Refetches a page of orders (`queryKey`: the orders list, or a user's or reseller's orders) when
 * the live socket says an order on it changed status, or one its status filter may now take in
 * or leave out, and after a reconnect (events missed meanwhile are not replayed).
 */
export function useLiveOrderRows(rows: OrderRead[] | undefined, queryKey: readonly unknown[], statusFilter = '') {
  const client = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  useLiveEvents((message) => {
    const change = statusChangeOf(message);
    const concerned =
      message.type === 'ready' ||
      (change !== null &&
        (rows?.some((order) => order.id === change.orderId) ||
          (statusFilter !== '' && (change.from === statusFilter || change.to === statusFilter))));
    if (!concerned || pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      void client.invalidateQueries({ queryKey });
    }, LIVE_BURST_MS);
  });
}

/** Refetches the order (status, history, workflow steps) when the live socket says its status changed, and after a reconnect. */
export function useLiveOrder(id: number) {
  const client = useQueryClient();
  useLiveEvents(
    (message) => {
      if (message.type === 'ready' || statusChangeOf(message)?.orderId === id) {
        void client.invalidateQueries({ queryKey: queryKeys.order(id) });
      }
    },
    { enabled: Number.isInteger(id) && id > 0 },
  );
}

/** The backend is adding `workflow_url` (the order's process in the Temporal UI); optional until then. */
export type OrderWithWorkflow = OrderDetail & { workflow_url?: string | null };

/**
 * One order. While `awaiting` names a status (a change the workflow accepted but has not applied
 * yet), the order is fetched again every two seconds until it gets there.
 */
export function useOrder(id: number, awaiting: OrderStatus | null = null) {
  return useQuery({
    queryKey: queryKeys.order(id),
    queryFn: ({ signal }): Promise<OrderWithWorkflow> =>
      api.get('/api/orders/{order_id}/', { path: { order_id: id }, signal }),
    refetchInterval: (query) => (awaiting && query.state.data?.status !== awaiting ? 2000 : false),
  });
}

/**
 * Where the order's fulfilment workflow is and the steps it has been through. While it runs it
 * is asked again every five seconds: steps move on without anyone touching the page.
 */
export function useOrderWorkflow(id: number) {
  return useQuery({
    queryKey: queryKeys.orderWorkflow(id),
    queryFn: ({ signal }) => api.get('/api/orders/{order_id}/workflow/', { path: { order_id: id }, signal }),
    refetchInterval: (query) => (query.state.data?.running ? 5000 : false),
  });
}

function useOrderMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    // Lists show statuses too; the audit log has a new entry. After a refusal too: a 409 means
    // the order moved on meanwhile, and the page must offer its new next statuses.
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.ordersAll }),
        client.invalidateQueries({ queryKey: ['logs'] }),
      ]),
  });
}

export interface ChangeOutcome {
  /** 202: the order's workflow makes the change a moment later; the order is not updated yet. */
  accepted: boolean;
}

/**
 * A change the order's Temporal workflow may take over, answering 202 Accepted instead of 200.
 * A plain fetch rather than `api.*`: what matters is the status code, not the body.
 */
async function sendOrderChange(path: string, id: number, method: 'PATCH' | 'POST', body: object): Promise<ChangeOutcome> {
  const response = await authorizedFetch(buildUrl(path, { order_id: id }), {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { accepted: response.status === 202 };
}

export function useChangeOrderStatus() {
  return useOrderMutation(({ id, status, reason }: { id: number; status: OrderStatus; reason: string }) =>
    sendOrderChange('/api/orders/{order_id}/status/', id, 'PATCH', { status, reason }),
  );
}

/** A confirmed order is then dispatched by its workflow (202). */
export function useAssignDelivery() {
  return useOrderMutation(
    ({ id, body }: { id: number; body: { courier: string; tracking_number: string; eta: string | null } }) =>
      sendOrderChange('/api/orders/{order_id}/assign-delivery/', id, 'POST', body),
  );
}

export function useBulkOrderStatus() {
  return useOrderMutation((body: { ids: number[]; status: OrderStatus; reason: string }) =>
    api.post('/api/orders/bulk/', { body }),
  );
}
