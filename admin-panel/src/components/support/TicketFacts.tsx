import type { TicketDetail } from '@/api/types';
import { Fact, FactList } from '@/components/common/FactList/FactList';
import { RecordLink } from '@/components/common/DataTable/RecordLink';
import { formatDateTime } from '@/utils/format';

export function TicketFacts({ ticket }: { ticket: TicketDetail }) {
  return (
    <FactList>
      <Fact label="Requester">
        {ticket.user ? (
          <RecordLink to={`/users/${ticket.user.id}`}>{ticket.user.full_name}</RecordLink>
        ) : ticket.reseller ? (
          <RecordLink to={`/resellers/${ticket.reseller.id}`}>{ticket.reseller.business_name}</RecordLink>
        ) : (
          '—'
        )}
      </Fact>
      <Fact label="Order">
        {ticket.order ? <RecordLink to={`/orders/${ticket.order.id}`}>{ticket.order.order_number}</RecordLink> : '—'}
      </Fact>
      <Fact label="Assigned to">{ticket.assignee?.full_name ?? 'Nobody'}</Fact>
      <Fact label="Opened">{formatDateTime(ticket.created_at)}</Fact>
      <Fact label="Last update">{formatDateTime(ticket.updated_at)}</Fact>
      <Fact label="Resolved">{formatDateTime(ticket.resolved_at)}</Fact>
      {ticket.closed_at && <Fact label="Closed">{formatDateTime(ticket.closed_at)}</Fact>}
    </FactList>
  );
}
