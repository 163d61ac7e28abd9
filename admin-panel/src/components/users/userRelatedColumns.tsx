import type { TicketRead, UserTransactionRead } from '@/api/types';
import type { Column } from '@/components/common/DataTable/types';
import { RecordLink } from '@/components/common/DataTable/RecordLink';
import { ValueBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import { TicketPriorityBadge, TicketStatusBadge } from '@/components/support/TicketBadges';
import { formatDateTime, formatMoney, humanize } from '@/utils/format';

const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

const TRANSACTION_TONES: Record<UserTransactionRead['status'], BadgeTone> = {
  pending: 'warning',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

export const USER_TRANSACTION_COLUMNS: Column<UserTransactionRead>[] = [
  {
    id: 'transaction_id',
    header: 'Transaction',
    alwaysVisible: true,
    cell: (row) => <span className="font-mono text-xs whitespace-nowrap">{row.transaction_id}</span>,
  },
  { id: 'created_at', header: 'Date', cell: (row) => nowrap(formatDateTime(row.created_at)) },
  { id: 'type', header: 'Type', cell: (row) => nowrap(humanize(row.transaction_type)) },
  {
    id: 'amount',
    header: 'Amount',
    align: 'right',
    cell: (row) => <span className="whitespace-nowrap tabular-nums">{formatMoney(row.amount, row.currency)}</span>,
  },
  { id: 'method', header: 'Method', cell: (row) => nowrap(row.payment_method ? humanize(row.payment_method) : '—') },
  {
    id: 'status',
    header: 'Status',
    cell: (row) => (
      <div>
        <ValueBadge value={row.status} tones={TRANSACTION_TONES} />
        {row.failure_reason && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{row.failure_reason}</p>}
      </div>
    ),
  },
];

export const USER_TICKET_COLUMNS: Column<TicketRead>[] = [
  {
    id: 'ticket_number',
    header: 'Ticket',
    alwaysVisible: true,
    cell: (row) => (
      <div className="min-w-48">
        <RecordLink to={`/support/tickets/${row.id}`}>{row.subject}</RecordLink>
        <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{row.ticket_number}</p>
      </div>
    ),
  },
  { id: 'status', header: 'Status', cell: (row) => <TicketStatusBadge status={row.status} /> },
  { id: 'priority', header: 'Priority', cell: (row) => <TicketPriorityBadge priority={row.priority} /> },
  {
    id: 'assignee',
    header: 'Assigned to',
    cell: (row) => (row.assignee ? nowrap(row.assignee.full_name) : 'Nobody'),
  },
  { id: 'created_at', header: 'Opened', cell: (row) => nowrap(formatDateTime(row.created_at)) },
  { id: 'updated_at', header: 'Updated', defaultHidden: true, cell: (row) => nowrap(formatDateTime(row.updated_at)) },
];
