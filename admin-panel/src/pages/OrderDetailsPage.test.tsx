import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import OrderDetailsPage from './OrderDetailsPage';

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

function renderDetail(detail: object, permissions: string[]) {
  tokens.save('access', 'refresh', false);
  mockFetch(withProfile(() => json(200, detail), permissions));
  return renderWithProviders(
    <Routes>
      <Route path="/orders/:id" element={<OrderDetailsPage />} />
    </Routes>,
    { path: '/orders/7' },
  );
}

describe('OrderDetailsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
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
});
