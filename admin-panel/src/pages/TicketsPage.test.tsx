import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { TicketRead } from '@/api/types';
import { json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { ticket } from '@/test/support';
import TicketsPage from './TicketsPage';

const page = (items: TicketRead[]) => ({ items, total: items.length, total_exact: true, page: 1, page_size: 25, has_more: false });
const ticketCalls = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/support/tickets/'));

describe('TicketsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('lists tickets with their requester and assignee, and filters by status, priority and assignee', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(
      withProfile(
        (url) =>
          url.startsWith('/api/support/tickets/')
            ? json(200, page([ticket(1), ticket(2, { reseller: { id: 3, business_name: 'Acme SIMs' }, user: null, assignee: { id: 1, full_name: 'Ada Admin' } })]))
            : json(200, page([])),
        ['support:read'],
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<TicketsPage />, { path: '/support/tickets' });

    await screen.findByRole('link', { name: 'eSIM does not activate (1)' });
    const [, first, second] = within(screen.getByRole('table', { name: 'Support tickets' })).getAllByRole('row') as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(first).toHaveTextContent('Lin Buyer');
    expect(first).toHaveTextContent('Nobody');
    expect(second).toHaveTextContent('Acme SIMs');
    expect(second).toHaveTextContent('Ada Admin');
    expect(within(first).getByRole('link', { name: 'eSIM does not activate (1)' })).toHaveAttribute('href', '/support/tickets/1');
    expect(screen.getByText('2 tickets')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Status'), 'open');
    await user.selectOptions(screen.getByLabelText('Priority'), 'urgent');
    // Without staff:read the assignee choice is the user themself.
    await user.selectOptions(screen.getByLabelText('Assigned to'), 'Me');
    expect(ticketCalls(fetch).at(-1)).toBe('/api/support/tickets/?page=1&page_size=25&status=open&priority=urgent&assigned_to_id=1');
    expect(await screen.findByText('2 tickets match the filters')).toBeInTheDocument();
    // Staff may not be listed, so the staff list is never asked for.
    expect(fetch.mock.calls.some(([url]) => String(url).startsWith('/api/admin/staff/'))).toBe(false);
  });

  it('points out a requester id that is not a number instead of asking the API', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(withProfile(() => json(200, page([])), ['support:read']));
    renderWithProviders(<TicketsPage />, { path: '/support/tickets?user_id=abc' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The app user id is a number.');
    expect(ticketCalls(fetch)).toHaveLength(0);
  });

  it('says when no ticket matches, and when there are none yet', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(withProfile(() => json(200, page([])), ['support:read']));
    const view = renderWithProviders(<TicketsPage />, { path: '/support/tickets?status=closed' });
    expect(await screen.findByText('No tickets match')).toBeInTheDocument();
    view.unmount();
    renderWithProviders(<TicketsPage />, { path: '/support/tickets' });
    expect(await screen.findByText('No tickets yet')).toBeInTheDocument();
  });

  it('shows the failure with a way to retry', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(
      withProfile(
        (url) =>
          url.startsWith('/api/support/')
            ? json(500, { error: { code: 'internal', message: 'Something broke.', request_id: 'req-9' } })
            : json(200, page([])),
        ['support:read'],
      ),
    );
    renderWithProviders(<TicketsPage />, { path: '/support/tickets' });
    expect(await screen.findByText(/Something broke/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Try again|Retry/ })).toBeInTheDocument();
  });
});
