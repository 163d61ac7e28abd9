import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authorizedFetch, buildUrl } from '@/api/client';
import type { TransactionRead } from '@/api/types';
import type { FilterProblems } from '@/hooks/useCheckedListQuery';
import type { ListQuery } from '@/hooks/useListQuery';
import { idProblem, minLengthProblem, problemsOf } from '@/utils/filterChecks';
import { downloadCsv } from './download';
import { queryKeys } from './queryKeys';

export const TRANSACTION_FILTERS = [
  'search',
  'transaction_type',
  'status',
  'payment_method',
  'order_id',
  'created_from',
  'created_to',
] as const;
export type TransactionFilterName = (typeof TRANSACTION_FILTERS)[number];

/** Mistakes in the filters the API would refuse with a 422 (the date range is checked by useListQuery). */
export function checkTransactionFilters(
  filters: Record<TransactionFilterName, string>,
): FilterProblems<TransactionFilterName> {
  return problemsOf<TransactionFilterName>([
    // The API matches a transaction or gateway id exactly: 3 characters at least.
    ['search', minLengthProblem(filters.search, 3)],
    ['order_id', idProblem(filters.order_id, 'The order id')],
  ]);
}

type Query = ListQuery<TransactionFilterName>['query'];

export function useTransactionList(query: Query, enabled = true) {
  return useQuery({
    queryKey: queryKeys.transactions(query),
    queryFn: ({ signal }) => api.get('/api/transactions/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * One transaction. With `untilSettled` (a refund someone just approved or rejected, which its
 * workflow pays or fails a moment later) it is fetched every two seconds while still pending.
 */
export function useTransaction(id: number, untilSettled = false) {
  return useQuery({
    queryKey: queryKeys.transaction(id),
    queryFn: ({ signal }) => api.get('/api/transactions/{transaction_id}/', { path: { transaction_id: id }, signal }),
    refetchInterval: (query) => (untilSettled && query.state.data?.status === 'pending' ? 2000 : false),
  });
}

/** Approve or reject a refund awaiting approval; its workflow then pays it or fails it. */
export function useRefundDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, approve, reason }: { id: number; approve: boolean; reason: string }) =>
      api.post('/api/transactions/{transaction_id}/decision/', { path: { transaction_id: id }, body: { approve, reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.transactionsAll }),
  });
}

/** The ledger as CSV, filtered as the list is: every matching row, so no page or ordering. */
export function downloadTransactionsCsv(query: Query): Promise<void> {
  const { page: _page, page_size: _size, ordering: _ordering, ...filters } = query;
  return downloadCsv('/api/transactions/export/', { ...filters, format: 'csv' }, 'transactions.csv');
}

/** A completed payment's PDF invoice (the API answers 409 for anything else), named by its invoice number. */
export function downloadInvoice(id: number): Promise<void> {
  return downloadCsv(`/api/transactions/${id}/invoice/`, {}, `invoice-${id}.pdf`);
}

export interface RefundBody {
  amount: string;
  reason: string;
  /** Needed to refund an activated eSIM, which is otherwise not refundable. */
  override_reason: string;
}

/**
 * POST with an `Idempotency-Key`: a retry with the same key and body (after a timeout, a double
 * click) gets the first answer instead of a second refund. `api.post` sends no custom headers.
 */
async function requestRefund(id: number, body: RefundBody, key: string): Promise<TransactionRead> {
  const response = await authorizedFetch(buildUrl('/api/transactions/{transaction_id}/refund/', { transaction_id: id }), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  return (await response.json()) as TransactionRead;
}

export function useRefund() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, key }: { id: number; body: RefundBody; key: string }) => requestRefund(id, body, key),
    // The payment's refundable amount shrinks and a pending refund joins the ledger.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.transactionsAll }),
        client.invalidateQueries({ queryKey: queryKeys.ordersAll }),
      ]),
  });
}
