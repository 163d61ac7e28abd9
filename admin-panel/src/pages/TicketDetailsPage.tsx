import { useParams } from 'react-router';
import { Card } from '@/components/common/Card/Card';
import { BackLink } from '@/components/common/DataTable/RecordLink';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { AssignForm } from '@/components/support/AssignForm';
import { ReplyForm } from '@/components/support/ReplyForm';
import { TicketPriorityBadge, TicketStatusBadge } from '@/components/support/TicketBadges';
import { TicketFacts } from '@/components/support/TicketFacts';
import { TicketStatusForm } from '@/components/support/TicketStatusForm';
import { TicketThread } from '@/components/support/TicketThread';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useAssignableStaff, useLiveTicket, useTicket } from '@/services/support';

export default function TicketDetailsPage() {
  const id = Number(useParams().id);
  const { user, can, canCall } = useAuth();
  const ticket = useTicket(id);
  useLiveTicket(id);
  const canAssign = canCall('PATCH /api/support/tickets/{ticket_id}/assign/');
  const staff = useAssignableStaff(canAssign && canCall('GET /api/admin/staff/'));
  useDocumentTitle(ticket.data ? `Ticket ${ticket.data.ticket_number}` : 'Ticket');

  const back = <BackLink list="/support/tickets">Back to tickets</BackLink>;
  if (ticket.isPending) {
    return (
      <>
        {back}
        <LoadingSpinner label="Loading ticket…" />
      </>
    );
  }
  if (ticket.isError) {
    return (
      <>
        {back}
        <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />
      </>
    );
  }

  const data = ticket.data;
  const canWrite = canCall('POST /api/support/tickets/{ticket_id}/reply/');
  // The API refuses internal notes to anyone else; the choice is not offered either.
  const canWriteNotes = user?.kind === 'staff' && can('support:internal_notes');

  return (
    <>
      {back}
      <PageHeader
        title={data.subject}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs">{data.ticket_number}</span>
            <TicketStatusBadge status={data.status} />
            <TicketPriorityBadge priority={data.priority} />
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Description">
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800 dark:text-slate-200">{data.description}</p>
          </Card>
          <Card title="Conversation" description={canWriteNotes ? 'Internal notes are marked and seen by staff only.' : undefined}>
            <TicketThread replies={data.replies} />
            {canWrite && data.status === 'closed' && (
              <p className="mt-6 border-t border-slate-200 pt-5 text-sm text-slate-500 dark:border-slate-800 dark:text-slate-400">
                The ticket is closed: it takes no more replies.
              </p>
            )}
            {canWrite && data.status !== 'closed' && (
              <div className="mt-6 border-t border-slate-200 pt-5 dark:border-slate-800">
                <ReplyForm ticketId={data.id} canWriteNotes={canWriteNotes} />
              </div>
            )}
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <Card title="Details">
            <TicketFacts ticket={data} />
          </Card>
          {canAssign && (
            <Card title="Assignment">
              <AssignForm key={data.assignee?.id ?? 'nobody'} ticket={data} me={{ id: user?.id ?? 0 }} staff={staff.data} />
            </Card>
          )}
          {canCall('PATCH /api/support/tickets/{ticket_id}/status/') && (
            <Card title="Status">
              <TicketStatusForm ticket={data} />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
