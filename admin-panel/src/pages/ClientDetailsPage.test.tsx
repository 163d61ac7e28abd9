import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { ClientRead } from '@/api/types';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import ClientDetailsPage from './ClientDetailsPage';

const CLIENT: ClientRead = {
  id: 7,
  reseller_id: 3,
  client_name: 'Grace Hopper',
  client_email: 'grace@example.org',
  client_phone: '+14155550123',
  plan_id: 4,
  monthly_limit: 10,
  current_usage: 2,
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
};
const STATUS_PATH = '/api/clients/7/status/';
const EVERYTHING = ['clients:read', 'clients:write', 'clients:override', 'resellers:read', 'catalog:read'];

function renderClient(handler: (url: string, init: RequestInit) => Response, permissions: string[]) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(
    withProfile((url, init) => {
      if (url === '/api/resellers/3/') return json(200, { id: 3, business_name: 'Lisbon Mobile' });
      if (url.startsWith('/api/catalog/plans/')) {
        return json(200, { items: [{ id: 4, name: 'Europe 10 GB' }], total: 1, page: 1, page_size: 100, pages: 1 });
      }
      return handler(url, init);
    }, permissions),
  );
  renderWithProviders(
    <Routes>
      <Route path="/clients/:id" element={<ClientDetailsPage />} />
    </Routes>,
    { path: '/clients/7' },
  );
  return { fetch, user: userEvent.setup() };
}

const statusCalls = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.filter(([url]) => url === STATUS_PATH).map(([, init]) => JSON.parse(String(init?.body)) as unknown);

describe('ClientDetailsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('shows the client with its reseller, plan, limit and usage', async () => {
    renderClient(() => json(200, CLIENT), EVERYTHING);
    expect(await screen.findByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Lisbon Mobile' })).toHaveAttribute('href', '/resellers/3');
    expect(await screen.findByText('Europe 10 GB')).toBeInTheDocument();
    expect(screen.getByText('10 orders')).toBeInTheDocument();
    expect(screen.getByText('2 of 10')).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: 'Orders this month' })).toHaveAttribute('aria-valuenow', '2');
    expect(screen.getByRole('link', { name: 'Back to clients' })).toHaveAttribute('href', '/clients');
  });

  it('names what it cannot read by id, and says when there is no limit or plan', async () => {
    renderClient(() => json(200, { ...CLIENT, plan_id: null, monthly_limit: 0 }), ['clients:read']);
    expect(await screen.findByRole('link', { name: 'Reseller #3' })).toHaveAttribute('href', '/resellers/3');
    expect(screen.getByText('No plan')).toBeInTheDocument();
    expect(screen.getByText('No limit')).toBeInTheDocument();
    expect(screen.getByText('2 (no limit)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Block' })).not.toBeInTheDocument();
  });

  it('blocks the client with a reason, then shows it blocked', async () => {
    let status: ClientRead['status'] = 'active';
    const { fetch, user } = renderClient((url) => {
      if (url === STATUS_PATH) {
        status = 'suspended';
        return json(200, { ...CLIENT, status });
      }
      return json(200, { ...CLIENT, status });
    }, EVERYTHING);
    await user.click(await screen.findByRole('button', { name: 'Block' }));
    const dialog = screen.getByRole('dialog', { name: 'Block this client?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Chargebacks on every order');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await screen.findByText('Grace Hopper is now blocked.')).toBeInTheDocument();
    expect(statusCalls(fetch)).toEqual([{ status: 'suspended', reason: 'Chargebacks on every order' }]);
    expect(await screen.findByRole('button', { name: 'Unblock' })).toBeInTheDocument();
  });

  it('edits (and upgrades the plan) in the list’s form', async () => {
    const { user } = renderClient(() => json(200, CLIENT), EVERYTHING);
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit client' });
    expect(within(dialog).getByRole('textbox', { name: /Monthly limit/ })).toHaveValue('10');
  });

  it('explains a client that does not exist, with a retry', async () => {
    renderClient(() => envelope(404, 'not_found', 'Client 7 was not found.'), EVERYTHING);
    expect(await screen.findByText('Client 7 was not found.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to clients' })).toBeInTheDocument();
  });
});
