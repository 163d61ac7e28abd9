import type { TicketRead } from '@/api/types';
import { RecordLink } from '@/components/common/DataTable/RecordLink';
import type { Column } from '@/components/common/DataTable/types';
import { formatDateTime } from '@/utils/format';
import { TicketPriorityBadge, TicketStatusBadge } from './TicketBadges';

const nowrap = (text: string) => <span className="whitespace-nowrap">{text}</span>;

/** Who raised it: an app user or a reseller (staff may raise a ticket for either). */
export function requesterLabel(ticket: Pick<TicketRead, 'user' | 'reseller'>): string {
  if (ticket.user) return ticket.user.full_name;
  if (ticket.reseller) return ticket.reseller.business_name;
  return '—';
}

export const TICKET_COLUMNS: Column<TicketRead>[] = [
  {
    id: 'ticket_number',
    header: 'Ticket',
    alwaysVisible: true,
    sortable: true,
    cell: (ticket) => (
      <div className="min-w-48">
        <RecordLink to={`/support/tickets/${ticket.id}`}>{ticket.subject}</RecordLink>
        <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{ticket.ticket_number}</p>
      </div>
    ),
  },
  { id: 'requester', header: 'Requester', cell: (ticket) => nowrap(requesterLabel(ticket)) },
  { id: 'status', header: 'Status', sortable: true, cell: (ticket) => <TicketStatusBadge status={ticket.status} /> },
  {
    id: 'priority',
    header: 'Priority',
    sortable: true,
    cell: (ticket) => <TicketPriorityBadge priority={ticket.priority} />,
  },
  {
    id: 'assignee',
    header: 'Assigned to',
    cell: (ticket) =>
      ticket.assignee ? (
        nowrap(ticket.assignee.full_name)
      ) : (
        <span className="text-slate-500 dark:text-slate-400">Nobody</span>
      ),
  },
  {
    id: 'order',
    header: 'Order',
    defaultHidden: true,
    cell: (ticket) =>
      ticket.order ? <RecordLink to={`/orders/${ticket.order.id}`}>{ticket.order.order_number}</RecordLink> : '—',
  },
  { id: 'created_at', header: 'Opened', sortable: true, cell: (ticket) => nowrap(formatDateTime(ticket.created_at)) },
  { id: 'updated_at', header: 'Updated', sortable: true, cell: (ticket) => nowrap(formatDateTime(ticket.updated_at)) },
  {
    id: 'resolved_at',
    header: 'Resolved',
    defaultHidden: true,
    cell: (ticket) => nowrap(formatDateTime(ticket.resolved_at)),
  },
];
