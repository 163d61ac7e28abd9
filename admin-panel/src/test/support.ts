import type { TicketRead } from '@/api/types';

/** A ticket as the API lists it; `overrides` change any field. */
export function ticket(id: number, overrides: Partial<TicketRead> = {}): TicketRead {
  return {
    id,
    ticket_number: `TKT-2026-00000${id}`,
    subject: `eSIM does not activate (${id})`,
    description: 'The QR code says it is already used.',
    priority: 'high',
    status: 'open',
    user: { id: 5, full_name: 'Lin Buyer' },
    reseller: null,
    order: null,
    assignee: null,
    created_by_id: null,
    resolved_at: null,
    closed_at: null,
    created_at: '2026-05-01T10:00:00Z',
    updated_at: '2026-05-01T10:00:00Z',
    ...overrides,
  };
}
