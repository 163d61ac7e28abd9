import type { TransactionRead } from '@/api/types';
import { RecordLink } from '@/components/common/DataTable/RecordLink';
import type { Column } from '@/components/common/DataTable/types';
import { formatDateTime, formatMoney, humanize } from '@/utils/format';
import { TransactionStatusBadge } from './TransactionStatusBadge';

const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

export function payerLabel(row: Pick<TransactionRead, 'user_id' | 'reseller_id'>): string {
  if (row.reseller_id !== null) return `Reseller #${row.reseller_id}`;
  return row.user_id !== null ? `App user #${row.user_id}` : '—';
}

export const TRANSACTION_COLUMNS: Column<TransactionRead>[] = [
  {
    id: 'transaction_id',
    header: 'Transaction',
    alwaysVisible: true,
    cell: (row) => (
      <span className="whitespace-nowrap">
        <RecordLink to={`/transactions/${row.id}`}>{row.transaction_id}</RecordLink>
      </span>
    ),
  },
  { id: 'created_at', header: 'Date', sortable: true, cell: (row) => nowrap(formatDateTime(row.created_at)) },
  { id: 'transaction_type', header: 'Type', cell: (row) => nowrap(humanize(row.transaction_type)) },
  { id: 'status', header: 'Status', cell: (row) => <TransactionStatusBadge status={row.status} /> },
  {
    id: 'amount',
    header: 'Amount',
    sortable: true,
    align: 'right',
    cell: (row) => <span className="whitespace-nowrap tabular-nums">{formatMoney(row.amount, row.currency)}</span>,
  },
  { id: 'payment_method', header: 'Method', cell: (row) => nowrap(humanize(row.payment_method || '—')) },
  {
    id: 'order',
    header: 'Order',
    cell: (row) => (row.order_id === null ? '—' : <RecordLink to={`/orders/${row.order_id}`}>#{row.order_id}</RecordLink>),
  },
  { id: 'payer', header: 'Payer', defaultHidden: true, cell: (row) => nowrap(payerLabel(row)) },
  {
    id: 'gateway_transaction_id',
    header: 'Gateway id',
    defaultHidden: true,
    cell: (row) => <span className="font-mono text-xs">{row.gateway_transaction_id || '—'}</span>,
  },
  { id: 'failure_reason', header: 'Failure', defaultHidden: true, cell: (row) => row.failure_reason || '—' },
];
