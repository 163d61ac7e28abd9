import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import WebhookDetailsPage from './WebhookDetailsPage';
import WebhooksPage from './WebhooksPage';

const ENDPOINT = {
  id: 4, reseller_id: null, url: 'https://shop.example.com/hooks', description: 'Shop', event_types: ['payment.captured'],
  secret_prefix: 'whsec_ab', is_active: true, created_at: '2026-01-02T10:00:00Z', updated_at: '2026-01-02T10:00:00Z',
};
const page = <T,>(items: T[]) => ({ items, total: items.length, total_exact: true, page: 1, page_size: 10, has_more: false });
const delivery = (id: number, status: string) => ({
  id, delivery_id: `0000000${id}-aaaa-bbbb-cccc-dddddddddddd`, endpoint_id: 4, event_type: 'ping', payload: {}, status,
  attempts: 3, last_status_code: status === 'failed' ? 500 : 200, last_error: status === 'failed' ? 'Server error' : '',
  next_attempt_at: null, delivered_at: null, created_at: '2026-01-02T10:00:00Z',
});
const calls = (fetch: ReturnType<typeof mockFetch>, prefix: string, method = 'GET') =>
  fetch.mock.calls.filter(([url, init]) => String(url).startsWith(prefix) && (init?.method ?? 'GET') === method);

describe('Webhook settings', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('adds an endpoint, checks the form first, and shows the signing secret once', async () => {
    tokens.save('access', 'refresh', false);
    let refuseUrl = true;
    const fetch = mockFetch(
      withProfile((url, init) => {
        if (url === '/api/settings/webhooks/' && init.method === 'POST') {
          if (refuseUrl) {
            refuseUrl = false;
            return envelope(422, 'validation_error', 'The request is not valid.', [
              { field: 'body.url', message: 'Value error, the URL points to a private address' },
            ]);
          }
          return json(201, { ...ENDPOINT, id: 5, secret: 'whsec_abcdef0123456789' });
        }
        return json(200, page([ENDPOINT]));
      }, ['api_keys:manage']),
    );
    const user = userEvent.setup();
    renderWithProviders(<WebhooksPage />, { path: '/settings/webhooks' });

    const table = await screen.findByRole('table', { name: 'Webhook endpoints' });
    expect(await within(table).findByRole('link', { name: 'https://shop.example.com/hooks' })).toHaveAttribute('href', '/settings/webhooks/4');
    expect(within(table).getByText('whsec_ab…')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    const dialog = screen.getByRole('dialog', { name: 'Add webhook endpoint' });
    await user.type(within(dialog).getByLabelText(/URL/), 'shop.example.com');
    await user.click(within(dialog).getByLabelText(/An order changes status/));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(within(dialog).getByText('Use a full http:// or https:// URL.')).toBeInTheDocument();
    expect(within(dialog).getByText('Pick at least one event.')).toBeInTheDocument();
    expect(calls(fetch, '/api/settings/webhooks/', 'POST')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText(/URL/));
    await user.type(within(dialog).getByLabelText(/URL/), 'https://10.0.0.1/hooks');
    await user.click(within(dialog).getByLabelText(/A refund completes/));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(dialog).findByText('The URL points to a private address.')).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText(/URL/));
    await user.type(within(dialog).getByLabelText(/URL/), 'https://erp.example.com/hooks');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    const shown = await screen.findByRole('dialog', { name: 'Webhook endpoint added' });
    expect(within(shown).getByLabelText('Signing secret')).toHaveValue('whsec_abcdef0123456789');
    const [[, init]] = calls(fetch, '/api/settings/webhooks/', 'POST').slice(-1) as [[string, RequestInit]];
    expect(JSON.parse(String(init.body))).toEqual({ url: 'https://erp.example.com/hooks', description: '', event_types: ['refund.completed'] });

    await user.click(within(shown).getByRole('button', { name: 'I have stored the secret' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue('whsec_abcdef0123456789')).not.toBeInTheDocument();
  });

  it('filters the delivery log by status, retries a failed delivery and pings the endpoint', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(
      withProfile((url, init) => {
        if (url === '/api/settings/webhooks/4/') return json(200, ENDPOINT);
        if (url.startsWith('/api/settings/webhooks/4/deliveries/') && init.method === 'POST') return json(202, delivery(8, 'pending'));
        if (url === '/api/settings/webhooks/4/ping/') return json(202, delivery(9, 'pending'));
        if (url.includes('status=failed')) return json(200, page([delivery(8, 'failed')]));
        return json(200, page([delivery(7, 'delivered'), delivery(8, 'failed')]));
      }, ['api_keys:manage']),
    );
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route path="/settings/webhooks/:id" element={<WebhookDetailsPage />} />
      </Routes>,
      { path: '/settings/webhooks/4' },
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Shop' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Delivery log' });
    await within(table).findByText('Server error');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    // Only a failed delivery can be retried.
    expect(within(table).getAllByRole('button', { name: 'Retry' })).toHaveLength(1);

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    expect(await screen.findByText('1 delivery matches the filters')).toBeInTheDocument();
    expect(calls(fetch, '/api/settings/webhooks/4/deliveries/').at(-1)?.[0]).toBe('/api/settings/webhooks/4/deliveries/?page=1&page_size=25&status=failed');

    await user.click(within(table).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Retrying the ping delivery.')).toBeInTheDocument();
    expect(calls(fetch, '/api/settings/webhooks/4/deliveries/8/retry/', 'POST')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Send test ping' }));
    expect(await screen.findByText(/Test ping queued for https:\/\/shop.example.com\/hooks/)).toBeInTheDocument();
    expect(calls(fetch, '/api/settings/webhooks/4/ping/', 'POST')).toHaveLength(1);
  });

  it('edits the events, URL and active flag, and deletes the endpoint', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(
      withProfile((url, init) => {
        if (url === '/api/settings/webhooks/4/' && init.method === 'PATCH') return json(200, { ...ENDPOINT, is_active: false });
        if (url === '/api/settings/webhooks/4/' && init.method === 'DELETE') return json(204, null);
        if (url === '/api/settings/webhooks/4/') return json(200, ENDPOINT);
        return json(200, page([]));
      }, ['api_keys:manage']),
    );
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route path="/settings/webhooks/:id" element={<WebhookDetailsPage />} />
        <Route path="/settings/webhooks" element={<p>Webhook list</p>} />
      </Routes>,
      { path: '/settings/webhooks/4' },
    );
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit webhook endpoint' });
    expect(within(dialog).getByLabelText(/A payment is captured/)).toBeChecked();
    await user.click(within(dialog).getByLabelText(/A payment is captured/));
    await user.click(within(dialog).getByLabelText(/A refund completes/));
    await user.clear(within(dialog).getByLabelText(/URL/));
    await user.type(within(dialog).getByLabelText(/URL/), 'https://shop.example.com/v2/hooks');
    await user.click(within(dialog).getByLabelText(/Active/));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const [[, init]] = calls(fetch, '/api/settings/webhooks/4/', 'PATCH') as [[string, RequestInit]];
    expect(JSON.parse(String(init.body))).toEqual({
      url: 'https://shop.example.com/v2/hooks', description: 'Shop', event_types: ['refund.completed'], is_active: false,
    });

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Delete this webhook endpoint?' })).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Webhook list')).toBeInTheDocument();
    expect(calls(fetch, '/api/settings/webhooks/4/', 'DELETE')).toHaveLength(1);
  });
});
