import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { TicketDetail, TicketStatus } from '@/api/types';
import type { FilterProblems } from '@/hooks/useCheckedListQuery';
import type { ListQuery } from '@/hooks/useListQuery';
import { useLiveEvents } from '@/hooks/useLiveEvents';
import { idProblem, problemsOf } from '@/utils/filterChecks';
import { queryKeys } from './queryKeys';

export const TICKET_FILTERS = [
  'search',
  'status',
  'priority',
  'assigned_to_id',
  'user_id',
  'reseller_id',
  'created_from',
  'created_to',
] as const;
export type TicketFilterName = (typeof TICKET_FILTERS)[number];

/** Mistakes in the filters the API would refuse with a 422 (the date range is checked by useListQuery). */
export function checkTicketFilters(filters: Record<TicketFilterName, string>): FilterProblems<TicketFilterName> {
  return problemsOf<TicketFilterName>([
    ['user_id', idProblem(filters.user_id, 'The app user id')],
    ['reseller_id', idProblem(filters.reseller_id, 'The reseller id')],
    ['assigned_to_id', idProblem(filters.assigned_to_id, 'The assignee')],
  ]);
}

export function useTicketList(query: ListQuery<TicketFilterName>['query'], enabled = true) {
  return useQuery({
    queryKey: queryKeys.tickets(query),
    queryFn: ({ signal }) => api.get('/api/support/tickets/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: queryKeys.ticket(id),
    queryFn: ({ signal }) => api.get('/api/support/tickets/{ticket_id}/', { path: { ticket_id: id }, signal }),
  });
}

/**
 * Keeps an open ticket current: watches it over the live socket and refetches it (thread,
 * assignee, status) when one of its events arrives, and after a reconnect, since events missed
 * meanwhile are not replayed.
 */
export function useLiveTicket(id: number) {
  const client = useQueryClient();
  useLiveEvents(
    (message) => {
      const ours = message.type.startsWith('ticket.') && Number(message.data.ticket_id) === id;
      if (!ours && message.type !== 'ready') return;
      void client.invalidateQueries({ queryKey: queryKeys.ticket(id) });
      // Lists show the status and assignee too: fetched again when next shown.
      if (ours) void client.invalidateQueries({ queryKey: queryKeys.ticketsLists });
    },
    { ticketId: id, enabled: Number.isInteger(id) && id > 0 },
  );
}

/**
 * A change to one ticket. The answer is the ticket as it is now (thread and next statuses), so
 * it replaces the cached one; lists show status and assignee too, and the user's tickets tab.
 */
function useTicketChange<V>(id: number, mutationFn: (variables: V) => Promise<TicketDetail | unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (answer) => {
      if (answer && typeof answer === 'object' && 'replies' in answer) {
        client.setQueryData(queryKeys.ticket(id), answer as TicketDetail);
      } else {
        await client.invalidateQueries({ queryKey: queryKeys.ticket(id) });
      }
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.ticketsLists }),
        client.invalidateQueries({ queryKey: queryKeys.usersAll }),
      ]);
    },
  });
}

export function useReplyToTicket(id: number) {
  return useTicketChange(id, (body: { body: string; is_internal: boolean }) =>
    api.post('/api/support/tickets/{ticket_id}/reply/', { path: { ticket_id: id }, body }),
  );
}

export function useAssignTicket(id: number) {
  return useTicketChange(id, (assignedToId: number | null) =>
    api.patch('/api/support/tickets/{ticket_id}/assign/', {
      path: { ticket_id: id },
      body: { assigned_to_id: assignedToId },
    }),
  );
}

export function useChangeTicketStatus(id: number) {
  return useTicketChange(id, (body: { status: TicketStatus; reason: string }) =>
    api.patch('/api/support/tickets/{ticket_id}/status/', { path: { ticket_id: id }, body }),
  );
}

/**
 * Staff a ticket can be assigned to: the first 100 active staff accounts, when the user may list
 * staff (support agents may not: they can still take a ticket themselves).
 */
export function useAssignableStaff(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.staff({ page: 1, page_size: 100 }),
    queryFn: ({ signal }) => api.get('/api/admin/staff/', { query: { page: 1, page_size: 100 }, signal }),
    select: (page) => page.items.filter((person) => person.is_active),
    enabled,
    staleTime: 60_000,
  });
}
