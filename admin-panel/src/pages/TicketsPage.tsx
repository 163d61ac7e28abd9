import { ListTable } from '@/components/common/DataTable/ListTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { TICKET_COLUMNS } from '@/components/support/ticketColumns';
import { TicketFilters } from '@/components/support/TicketFilters';
import { useAuth } from '@/hooks/useAuth';
import { useCheckedListQuery } from '@/hooks/useCheckedListQuery';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useResellerList } from '@/services/resellers';
import { checkTicketFilters, TICKET_FILTERS, useAssignableStaff, useTicketList } from '@/services/support';

/** The first 100 resellers by name, to pick a requester from. */
const RESELLER_PICKER = { page: 1, page_size: 100, ordering: 'business_name' };

export default function TicketsPage() {
  useDocumentTitle('Support tickets');
  const { user, canCall } = useAuth();
  const state = useCheckedListQuery(TICKET_FILTERS, checkTicketFilters);
  const tickets = useTicketList(state.query, state.valid);
  const staff = useAssignableStaff(canCall('GET /api/admin/staff/'));
  const canListResellers = canCall('GET /api/resellers/');
  const resellers = useResellerList(RESELLER_PICKER, canListResellers);

  return (
    <>
      <PageHeader title="Support tickets" description="Questions and problems raised by app users and resellers." />
      <ListTable
        tableId="tickets"
        caption="Support tickets"
        columns={TICKET_COLUMNS}
        getRowId={(ticket) => ticket.id}
        state={state}
        result={tickets}
        noun={['ticket', 'tickets']}
        filteredHint="Try a wider date range or fewer filters."
        toolbar={
          <TicketFilters
            values={state.list.filters}
            onChange={state.list.setFilters}
            problems={state.problems}
            me={{ id: user?.id ?? 0 }}
            staff={staff.data}
            resellers={canListResellers ? (resellers.data?.items ?? []) : undefined}
          />
        }
      />
    </>
  );
}
