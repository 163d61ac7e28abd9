import { act, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { LiveListener } from '@/hooks/useLiveEvents';
import { json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import OrderDetailsPage from './OrderDetailsPage';

const live = vi.hoisted(() => ({ listener: null as LiveListener | null, options: undefined as unknown }));
vi.mock('@/hooks/useLiveEvents', () => ({
  useLiveEvents: (listener: LiveListener, options: unknown) => {
    live.listener = listener;
    live.options = options;
  },
}));

const DETAIL = {
  id: 7,
  order_number: 'ORD-2026-000007',
  order_type: 'reseller_client',
  user_id: null,
  reseller_id: 3,
  client_id: 9,
  plan_id: 1,
  sim_type: 'physical',
  network_provider: 'Vodafone',
  plan_name: 'Travel 10GB',
  plan_price: '20.00',
  delivery_fee: '4.50',
  service_charge: '1.00',
  tax_amount: '2.55',
  total_amount: '28.05',
  currency: 'USD',
  status: 'confirmed',
  payment_status: 'paid',
  courier: '',
  delivery_tracking_number: '',
  delivery_eta: null,
  delivery_address: '1 Main St',
  created_at: '2026-05-01T10:00:00Z',
  updated_at: '2026-05-01T11:00:00Z',
  dispatched_at: null,
  delivered_at: null,
  activated_at: null,
  cancelled_at: null,
  notes: '',
  next_statuses: ['dispatched', 'cancelled'],
  status_history: [
    { from_status: null, to_status: 'pending', source: 'api', changed_by_id: null, reason: '', created_at: '2026-05-01T10:00:00Z' },
    { from_status: 'pending', to_status: 'confirmed', source: 'api', changed_by_id: 4, reason: 'Paid', created_at: '2026-05-01T11:00:00Z' },
  ],
};

const NO_WORKFLOW = { workflow_id: 'order-ORD-2026-000007', workflow_url: '', running: false, step: null, history: [] };

function renderDetail(detail: object, permissions: string[], workflow: object = NO_WORKFLOW) {
  tokens.save('access', 'refresh', false);
  return renderDetailWith((url) => json(200, url === '/api/orders/7/workflow/' ? workflow : detail), permissions);
}

function renderDetailWith(handler: (url: string) => Response, permissions: string[]) {
  const fetch = mockFetch(withProfile(handler, permissions));
  const view = renderWithProviders(
    <Routes>
      <Route path="/orders/:id" element={<OrderDetailsPage />} />
    </Routes>,
    { path: '/orders/7' },
  );
  return { ...view, fetch };
}

describe('OrderDetailsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
    live.listener = null;
  });

  it('shows the order, its price, its history and the controls the user may use', async () => {
    renderDetail(DETAIL, ['orders:read', 'orders:update_status', 'orders:assign_delivery']);
    expect(await screen.findByRole('heading', { level: 1, name: 'ORD-2026-000007' })).toBeInTheDocument();
    expect(screen.getByText('$28.05')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Status history' })).toHaveTextContent('“Paid”');
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['dispatched', 'cancelled']);
    expect(screen.getByRole('button', { name: 'Assign delivery' })).toBeInTheDocument();
    // The API has no workflow_url yet: no link.
    expect(screen.queryByRole('link', { name: /Temporal UI/ })).not.toBeInTheDocument();
  });

  it('hides the status and delivery controls from read-only users', async () => {
    renderDetail(DETAIL, ['orders:read']);
    expect(await screen.findByRole('heading', { level: 1, name: 'ORD-2026-000007' })).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Assign delivery' })).not.toBeInTheDocument();
  });

  it('links to the workflow when the API names one, and only over http(s)', async () => {
    const url = 'http://127.0.0.1:8233/namespaces/default/workflows/order-ORD-2026-000007';
    const view = renderDetail({ ...DETAIL, workflow_url: url }, ['orders:read']);
    expect(await screen.findByRole('link', { name: /View workflow in Temporal UI/ })).toHaveAttribute('href', url);
    view.unmount();
    vi.unstubAllGlobals();

    renderDetail({ ...DETAIL, workflow_url: 'javascript:alert(1)' }, ['orders:read']);
    expect(await screen.findByRole('heading', { level: 1, name: 'ORD-2026-000007' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Temporal UI/ })).not.toBeInTheDocument();
  });

  it('shows where the fulfilment workflow is and the steps it has done', async () => {
    renderDetail(DETAIL, ['orders:read'], {
      ...NO_WORKFLOW,
      running: true,
      step: 'awaiting_dispatch',
      history: [
        { step: 'confirming', at: '2026-05-01T11:00:00Z' },
        { step: 'awaiting_dispatch', at: '2026-05-01T11:00:01Z' },
      ],
    });
    expect(await screen.findByText('Awaiting dispatch')).toBeInTheDocument();
    expect(screen.getByText('Current step:')).toBeInTheDocument();
    const done = screen.getByRole('list', { name: 'Workflow steps done' });
    expect(done).toHaveTextContent('Confirming');
    expect(done).not.toHaveTextContent('Awaiting dispatch');
  });

  it('says when no workflow has run', async () => {
    renderDetail(DETAIL, ['orders:read']);
    expect(await screen.findByText('No workflow has run for this order yet.')).toBeInTheDocument();
  });

  it('refetches the order and its workflow when the live socket says its status changed', async () => {
    tokens.save('access', 'refresh', false);
    let current: object = DETAIL;
    const { fetch } = renderDetailWith((url) => json(200, url === '/api/orders/7/workflow/' ? NO_WORKFLOW : current), ['orders:read']);
    const fetchesOf = (url: string) => fetch.mock.calls.filter(([called]) => called === url).length;
    expect(await screen.findByRole('heading', { level: 1, name: 'ORD-2026-000007' })).toBeInTheDocument();
    expect(live.options).toEqual({ enabled: true });
    await waitFor(() => expect(fetchesOf('/api/orders/7/workflow/')).toBe(1));
    expect(fetchesOf('/api/orders/7/')).toBe(1);

    // Another order: nothing to fetch.
    act(() => live.listener?.({ type: 'order.status_changed', data: { order_id: 8, order_number: 'ORD-2026-000008', from: 'confirmed', to: 'dispatched' } }));
    current = {
      ...DETAIL,
      status: 'dispatched',
      next_statuses: ['delivered'],
      status_history: [
        ...DETAIL.status_history,
        { from_status: 'confirmed', to_status: 'dispatched', source: 'workflow', changed_by_id: null, reason: 'Courier picked it up', created_at: '2026-05-01T12:00:00Z' },
      ],
    };
    act(() => live.listener?.({ type: 'order.status_changed', data: { order_id: 7, order_number: 'ORD-2026-000007', from: 'confirmed', to: 'dispatched' } }));
    expect(await screen.findByText('“Courier picked it up”')).toBeInTheDocument();
    expect(fetchesOf('/api/orders/7/')).toBe(2);
    expect(fetchesOf('/api/orders/7/workflow/')).toBe(2);

    // After a reconnect events may have been missed: fetched again.
    act(() => live.listener?.({ type: 'ready', data: { account_id: 1, heartbeat_seconds: 25 } }));
    await waitFor(() => expect(fetchesOf('/api/orders/7/')).toBe(3));
  });
});
