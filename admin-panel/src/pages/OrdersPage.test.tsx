import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { OrderRead } from '@/api/types';
import type { LiveListener } from '@/hooks/useLiveEvents';
import { json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import OrdersPage from './OrdersPage';

const live = vi.hoisted(() => ({ listener: null as LiveListener | null }));
vi.mock('@/hooks/useLiveEvents', () => ({
  useLiveEvents: (listener: LiveListener) => {
    live.listener = listener;
  },
}));

const statusChanged = (orderId: number, from: string, to: string) =>
  live.listener?.({ type: 'order.status_changed', data: { order_id: orderId, order_number: `ORD-2026-00000${orderId}`, from, to } });

function order(id: number, status: OrderRead['status']): OrderRead {
  return {
    id,
    order_number: `ORD-2026-00000${id}`,
    order_type: 'app_user',
    user_id: 5,
    reseller_id: null,
    client_id: null,
    plan_id: 1,
    sim_type: 'esim',
    network_provider: 'Vodafone',
    plan_name: 'Travel 10GB',
    plan_price: '20.00',
    delivery_fee: '0.00',
    service_charge: '0.00',
    tax_amount: '0.00',
    total_amount: '20.00',
    currency: 'USD',
    status,
    payment_status: 'paid',
    courier: '',
    delivery_tracking_number: '',
    delivery_eta: null,
    delivery_address: '',
    created_at: '2026-05-01T10:00:00Z',
    updated_at: '2026-05-01T10:00:00Z',
    dispatched_at: null,
    delivered_at: null,
    activated_at: null,
    cancelled_at: null,
  };
}

const PAGE = { items: [order(1, 'pending'), order(2, 'activated')], total: 2, total_exact: true, page: 1, page_size: 25, has_more: false };

describe('OrdersPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    tokens.clear();
    vi.unstubAllGlobals();
    live.listener = null;
  });

  it('changes the status of the ticked orders and lists what happened to each', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(
      withProfile(
        (url) =>
          url === '/api/orders/bulk/'
            ? json(200, {
                succeeded: 1,
                failed: 1,
                results: [
                  { id: 1, ok: true, status: 'confirmed', error: null },
                  { id: 2, ok: false, status: null, error: 'An order that is activated cannot become confirmed.' },
                ],
              })
            : json(200, PAGE),
        ['orders:read', 'orders:bulk'],
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<OrdersPage />, { path: '/orders' });

    await user.click(await screen.findByRole('checkbox', { name: 'Select all rows on this page' }));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(bar).toHaveTextContent('2 orders selected');
    await user.selectOptions(within(bar).getByLabelText('New status for the selected orders'), 'confirmed');
    await user.click(within(bar).getByRole('button', { name: 'Apply' }));

    const confirm = screen.getByRole('alertdialog', { name: 'Change 2 orders to confirmed?' });
    expect(confirm).toHaveTextContent('ORD-2026-000001, ORD-2026-000002');
    await user.type(within(confirm).getByLabelText(/Reason/), 'Stock arrived');
    await user.click(within(confirm).getByRole('button', { name: 'Change to confirmed' }));

    const results = await screen.findByRole('dialog', { name: 'Bulk status change' });
    expect(results).toHaveTextContent('1 changed to confirmed, 1 failed.');
    const items = within(results).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('ORD-2026-000001Now confirmed');
    expect(items[1]).toHaveTextContent('ORD-2026-000002An order that is activated cannot become confirmed.');

    const [[, init]] = fetch.mock.calls.filter(([url]) => url === '/api/orders/bulk/') as [[string, RequestInit]];
    expect(JSON.parse(String(init.body))).toEqual({ ids: [1, 2], status: 'confirmed', reason: 'Stock arrived' });
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument();
  });

  it('offers no selection to people who may not change orders in bulk', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(withProfile(() => json(200, PAGE), ['orders:read']));
    renderWithProviders(<OrdersPage />, { path: '/orders' });
    expect(await screen.findByRole('link', { name: 'ORD-2026-000001' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /^Select/ })).not.toBeInTheDocument();
  });

  it('points out a backwards amount range instead of asking the API', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(withProfile(() => json(200, PAGE), ['orders:read']));
    renderWithProviders(<OrdersPage />, { path: '/orders?amount_min=50&amount_max=10' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The amount range ends below where it starts.');
    expect(fetch.mock.calls.filter(([url]) => String(url).startsWith('/api/orders/'))).toHaveLength(0);
  });

  it('refetches the page, once per burst, when an order on it changes status live', async () => {
    tokens.save('access', 'refresh', false);
    let current = PAGE;
    const fetch = mockFetch(withProfile(() => json(200, current), ['orders:read']));
    const listFetches = () => fetch.mock.calls.filter(([url]) => String(url).startsWith('/api/orders/?')).length;
    renderWithProviders(<OrdersPage />, { path: '/orders' });
    expect(await screen.findByRole('link', { name: 'ORD-2026-000001' })).toBeInTheDocument();
    expect(listFetches()).toBe(1);
    vi.useFakeTimers();

    // An order that is not on the page, and no status filter it could enter: nothing to fetch.
    act(() => statusChanged(9, 'pending', 'confirmed'));
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(listFetches()).toBe(1);

    // A bulk change announces each order: one fetch for them all.
    current = { ...PAGE, items: [order(1, 'confirmed'), order(2, 'activated')] };
    act(() => {
      statusChanged(1, 'pending', 'confirmed');
      statusChanged(2, 'activated', 'activated');
      statusChanged(9, 'pending', 'confirmed');
    });
    await act(() => vi.advanceTimersByTimeAsync(299));
    expect(listFetches()).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(listFetches()).toBe(2);
    await act(() => vi.advanceTimersByTimeAsync(50));
    const [, first] = within(screen.getByRole('table', { name: 'Orders' })).getAllByRole('row');
    expect(within(first!).getByText('Confirmed')).toBeInTheDocument();
  });

  it('refetches a status-filtered page when an order enters or leaves that status, and after a reconnect', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(withProfile(() => json(200, PAGE), ['orders:read']));
    const listFetches = () => fetch.mock.calls.filter(([url]) => String(url).startsWith('/api/orders/?')).length;
    renderWithProviders(<OrdersPage />, { path: '/orders?status=confirmed' });
    expect(await screen.findByRole('link', { name: 'ORD-2026-000001' })).toBeInTheDocument();
    vi.useFakeTimers();

    act(() => statusChanged(9, 'dispatched', 'delivered'));
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(listFetches()).toBe(1);
    act(() => statusChanged(9, 'pending', 'confirmed'));
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(listFetches()).toBe(2);
    act(() => statusChanged(10, 'confirmed', 'cancelled'));
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(listFetches()).toBe(3);
    act(() => live.listener?.({ type: 'ready', data: { account_id: 1, heartbeat_seconds: 25 } }));
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(listFetches()).toBe(4);
  });
});
