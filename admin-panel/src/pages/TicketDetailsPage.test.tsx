import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { TicketDetail } from '@/api/types';
import type { LiveListener } from '@/hooks/useLiveEvents';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { ticket } from '@/test/support';
import TicketDetailsPage from './TicketDetailsPage';

const live = vi.hoisted(() => ({ listener: null as LiveListener | null, options: undefined as unknown }));
vi.mock('@/hooks/useLiveEvents', () => ({
  useLiveEvents: (listener: LiveListener, options: unknown) => {
    live.listener = listener;
    live.options = options;
  },
}));

const AUTHOR = { id: 9, full_name: 'Lin Buyer', kind: 'public' as const };
const STAFF = { id: 1, full_name: 'Ada Admin', kind: 'staff' as const };

const DETAIL: TicketDetail = {
  ...ticket(4),
  allowed_statuses: ['in_progress'],
  replies: [
    { id: 2, ticket_id: 4, author: STAFF, body: 'Refund if the swap fails.', is_internal: true, created_at: '2026-05-01T11:00:00Z' },
    { id: 1, ticket_id: 4, author: AUTHOR, body: 'Still broken.', is_internal: false, created_at: '2026-05-01T10:30:00Z' },
  ],
};

const WORKER = ['support:read', 'support:write', 'support:assign', 'support:internal_notes'];

function renderDetail(handler: (url: string, init: RequestInit) => Response, permissions: string[]) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(withProfile(handler, permissions));
  renderWithProviders(
    <Routes>
      <Route path="/support/tickets/:id" element={<TicketDetailsPage />} />
    </Routes>,
    { path: '/support/tickets/4' },
  );
  return fetch;
}

const callsTo = (fetch: ReturnType<typeof mockFetch>, url: string) =>
  fetch.mock.calls.filter(([called, init]) => called === url && init?.method && init.method !== 'GET') as Array<
    [string, RequestInit]
  >;

/** The JSON body of the only write sent to `url`. */
function sentBody(fetch: ReturnType<typeof mockFetch>, url: string): unknown {
  const calls = callsTo(fetch, url);
  expect(calls).toHaveLength(1);
  return JSON.parse(String(calls[0]?.[1].body));
}

describe('TicketDetailsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
    live.listener = null;
  });

  it('shows the thread oldest first with internal notes marked, and sends an internal note', async () => {
    const fetch = renderDetail(
      (url, init) =>
        url === '/api/support/tickets/4/reply/' && init.method === 'POST'
          ? json(201, { id: 3, ticket_id: 4, author: STAFF, body: 'Asked the carrier.', is_internal: true, created_at: '2026-05-01T12:00:00Z' })
          : json(200, DETAIL),
      WORKER,
    );
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'eSIM does not activate (4)' })).toBeInTheDocument();
    const entries = within(screen.getByRole('list', { name: 'Replies' })).getAllByRole('listitem');
    expect(entries.map((entry) => entry.getAttribute('aria-label'))).toEqual([
      'Reply by Lin Buyer',
      'Internal note by Ada Admin',
    ]);
    expect(entries[1]).toHaveTextContent('Internal note · staff only');

    await user.click(screen.getByLabelText('Internal note (staff only)'));
    await user.type(screen.getByRole('textbox', { name: /^Internal note/ }), '  Asked the carrier.  ');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('Internal note added.')).toBeInTheDocument();
    expect(sentBody(fetch, '/api/support/tickets/4/reply/')).toEqual({ body: 'Asked the carrier.', is_internal: true });
  });

  it('refuses an empty reply before sending, and shows the API field error under the box', async () => {
    const fetch = renderDetail(
      (url, init) =>
        url === '/api/support/tickets/4/reply/' && init.method === 'POST'
          ? envelope(422, 'validation_error', 'The request is invalid.', [{ field: 'body.body', message: 'Value error, too long for SMS' }])
          : json(200, DETAIL),
      ['support:read', 'support:write'],
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Write a reply first.')).toBeInTheDocument();
    expect(callsTo(fetch, '/api/support/tickets/4/reply/')).toHaveLength(0);
    // Neither internal notes nor assignment without their permissions.
    expect(screen.queryByLabelText('Internal note (staff only)')).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Assignment' })).not.toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: /^Reply/ }), 'We are on it.');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Too long for SMS.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Reply/ })).toHaveAttribute('aria-invalid', 'true');
  });

  it('assigns the ticket and moves it only to the statuses the API allows', async () => {
    const assigned = { ...DETAIL, assignee: { id: 1, full_name: 'Ada Admin' } };
    const fetch = renderDetail((url, init) => {
      if (url === '/api/support/tickets/4/assign/' && init.method === 'PATCH') return json(200, assigned);
      if (url === '/api/support/tickets/4/status/' && init.method === 'PATCH') {
        return json(200, { ...assigned, status: 'in_progress', allowed_statuses: ['resolved'] });
      }
      if (url.startsWith('/api/admin/staff/')) {
        return json(200, {
          items: [{ id: 7, first_name: 'Bo', last_name: 'Agent', email: 'bo@example.org', is_active: true }],
          total: 1,
          page: 1,
          page_size: 100,
        });
      }
      return json(200, DETAIL);
    }, [...WORKER, 'staff:read']);
    const user = userEvent.setup();
    const assignee = await screen.findByLabelText('Assigned to');
    expect(within(assignee).getAllByRole('option').map((option) => option.textContent)).toEqual(['Nobody', 'Me']);
    expect(await within(assignee).findByRole('option', { name: 'Bo Agent' })).toBeInTheDocument();
    await user.selectOptions(assignee, 'Me');
    await user.click(screen.getByRole('button', { name: 'Assign' }));
    expect(await screen.findByText('Assigned to Ada Admin.')).toBeInTheDocument();
    expect(sentBody(fetch, '/api/support/tickets/4/assign/')).toEqual({ assigned_to_id: 1 });

    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['in_progress']);
    await user.click(screen.getByRole('button', { name: 'Update status' }));
    expect(await screen.findByText('Choose the new status.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'In progress' }));
    await user.click(screen.getByRole('button', { name: 'Update status' }));
    expect(await screen.findByText('The ticket is now in progress.')).toBeInTheDocument();
    expect(sentBody(fetch, '/api/support/tickets/4/status/')).toEqual({
      status: 'in_progress',
      reason: '',
    });
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['resolved']);
  });

  it('shows when it was resolved, and takes no replies once closed', async () => {
    renderDetail(
      () => json(200, { ...DETAIL, status: 'closed', allowed_statuses: [], resolved_at: '2026-05-02T09:00:00Z', closed_at: '2026-05-03T09:00:00Z' }),
      WORKER,
    );
    expect(await screen.findByText('The ticket is closed: it takes no more replies.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send reply' })).not.toBeInTheDocument();
    expect(screen.getByText('Resolved').nextElementSibling).not.toHaveTextContent('—');
    expect(screen.getByText('Closed: this ticket cannot change any further.')).toBeInTheDocument();
  });

  it('watches its ticket live and refetches the thread, assignee and status when it changes', async () => {
    let current: TicketDetail = DETAIL;
    const fetch = renderDetail(() => json(200, current), WORKER);
    const ticketFetches = () => fetch.mock.calls.filter(([url]) => url === '/api/support/tickets/4/').length;
    expect(await screen.findByText('Still broken.')).toBeInTheDocument();
    expect(live.options).toEqual({ ticketId: 4, enabled: true });
    expect(ticketFetches()).toBe(1);

    // Someone else's ticket: nothing to fetch.
    act(() => live.listener?.({ type: 'ticket.status_changed', data: { ticket_id: 5, from: 'open', to: 'closed' } }));
    current = {
      ...DETAIL,
      status: 'in_progress',
      allowed_statuses: ['resolved'],
      assignee: { id: 7, full_name: 'Bo Agent' },
      replies: [
        { id: 3, ticket_id: 4, author: AUTHOR, body: 'Any news?', is_internal: false, created_at: '2026-05-01T12:00:00Z' },
        ...DETAIL.replies,
      ],
    };
    act(() =>
      live.listener?.({
        type: 'ticket.reply',
        data: { id: 3, ticket_id: 4, author: AUTHOR, body: 'Any news?', is_internal: false, created_at: '2026-05-01T12:00:00Z' },
      }),
    );
    expect(await screen.findByText('Any news?')).toBeInTheDocument();
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['resolved']);
    // The assignment form starts again from the new assignee.
    expect(screen.getByLabelText('Assigned to')).toHaveDisplayValue('Bo Agent');
    expect(ticketFetches()).toBe(2);

    // After a reconnect events may have been missed: fetched again.
    act(() => live.listener?.({ type: 'ready', data: { account_id: 1, heartbeat_seconds: 25 } }));
    await waitFor(() => expect(ticketFetches()).toBe(3));
    act(() => live.listener?.({ type: 'ticket.assigned', data: { ticket_id: 4, assigned_to_id: null } }));
    await waitFor(() => expect(ticketFetches()).toBe(4));
  });

  it('says so when the ticket cannot be loaded', async () => {
    renderDetail(() => envelope(404, 'not_found', 'No such ticket.'), ['support:read']);
    expect(await screen.findByText('No such ticket.')).toBeInTheDocument();
  });
});
