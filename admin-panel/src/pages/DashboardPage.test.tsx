import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { LiveListener } from '@/hooks/useLiveEvents';
import { envelope, json, mockFetch } from '@/test/http';
import { profile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import DashboardPage from './DashboardPage';

const live = vi.hoisted(() => ({ listener: null as LiveListener | null }));
vi.mock('@/hooks/useLiveEvents', () => ({
  useLiveEvents: (listener: LiveListener) => {
    live.listener = listener;
  },
}));

const count = (value: number, previous: number | null, change: number | null) => ({ value, previous, change_percent: change });
const money = (value: string, previous: string | null, change: number | null) => ({ value, previous, change_percent: change });

const METRICS = {
  on: '2026-05-10',
  orders_today: count(12, 10, 20),
  orders_month: count(140, 160, -12.5),
  revenue_today: money('1200.00', '1000.00', 20),
  revenue_month: money('15000.00', null, null),
  revenue_total: money('90000.00', '75000.00', 20),
  pending_orders: count(3, null, null),
  reseller_clients: count(40, 0, null),
  open_tickets: count(2, 2, 0),
  public_users: count(500, 450, 11.1),
  resellers: count(8, 8, 0),
  active_staff_sessions: count(2, null, null),
};
const SALES = {
  date_from: '2026-05-09',
  date_to: '2026-05-10',
  granularity: 'day',
  periods: [
    {
      period: '2026-05-09',
      orders: 3,
      gross: '30.00',
      revenue: '30.00',
      app: { orders: 2, gross: '20.00', revenue: '20.00' },
      reseller: { orders: 1, gross: '10.00', revenue: '10.00' },
    },
  ],
};
const TOP = { date_from: '2026-05-09', date_to: '2026-05-10', by: 'revenue', items: [{ reseller_id: 4, business_name: 'Acme SIMs', orders: 7, revenue: '70.00', new_clients: 2 }] };
const SHARES = {
  date_from: '2026-05-09',
  date_to: '2026-05-10',
  by: 'provider',
  total_revenue: '30.00',
  items: [{ key: 'vodafone', label: 'Vodafone', orders: 3, revenue: '30.00', share_percent: 100 }],
};
const REGISTRATIONS = { date_from: '2026-05-09', date_to: '2026-05-10', granularity: 'day', periods: [{ period: '2026-05-09', users: 4, resellers: 1, clients: 2 }] };
const FEED = {
  items: [{ kind: 'order_placed', occurred_at: '2026-05-10T09:00:00Z', entity_type: 'order', entity_id: 9, summary: 'Order ORD-9 placed' }],
  page: 1,
  page_size: 10,
  has_more: true,
};

type Answers = Partial<Record<string, () => Response>>;

function dashboardApi(answers: Answers = {}, reseller = false) {
  const me = { ...profile(['dashboard:read']), ...(reseller ? { kind: 'reseller' as const, reseller_id: 4 } : {}) };
  const defaults: Record<string, () => Response> = {
    metrics: () => json(200, METRICS),
    'sales-trends': () => json(200, SALES),
    'top-resellers': () => json(200, TOP),
    'revenue-distribution': () => json(200, SHARES),
    'registration-trends': () => json(200, REGISTRATIONS),
    'recent-activities': () => json(200, FEED),
    'recently-viewed': () => json(200, [{ kind: 'reseller', id: 4, label: 'Acme SIMs', viewed_at: '2026-05-10T08:00:00Z' }]),
  };
  return mockFetch((url) => {
    if (url === '/api/auth/user/') return json(200, me);
    const name = /^\/api\/dashboard\/([a-z-]+)\//.exec(url)?.[1] ?? '';
    const answer = answers[name] ?? defaults[name];
    return answer ? answer() : json(404, {});
  });
}

const calls = (fetch: ReturnType<typeof mockFetch>, name: string) =>
  fetch.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith(`/api/dashboard/${name}/`));

describe('DashboardPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
    live.listener = null;
  });

  it('shows each figure with its change from the previous period', async () => {
    tokens.save('access', 'refresh', false);
    dashboardApi();
    renderWithProviders(<DashboardPage />, { path: '/dashboard' });

    const figures = await screen.findByLabelText('Key figures');
    const card = (label: string) => within(figures).getByText(label).parentElement as HTMLElement;
    expect(card('Orders today')).toHaveTextContent('12▲ up 20% vs yesterday');
    expect(card('Orders this month')).toHaveTextContent('140▼ down 12.5% vs last month');
    expect(card('Open tickets')).toHaveTextContent('2unchanged 0% vs yesterday');
    expect(card('Reseller clients')).toHaveTextContent('40was 0 at the start of the month');
    // No previous figure: no arrow and no percentage.
    expect(card('Revenue this month')).toHaveTextContent(/^Revenue this month15,000\.00$/);
    expect(card('Pending orders')).toHaveTextContent(/^Pending orders3$/);
    expect(card('Staff signed in')).toHaveTextContent(/^Staff signed in2$/);

    // The activity feed links to the order and pages through older entries.
    expect(await screen.findByRole('link', { name: 'Order ORD-9 placed' })).toHaveAttribute('href', '/orders/9');
    expect(screen.getByRole('link', { name: 'Acme SIMs' })).toHaveAttribute('href', '/resellers/4');
  });

  it('shows a chart as a table, and asks again with the chosen granularity and ranking', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = dashboardApi();
    const user = userEvent.setup();
    renderWithProviders(<DashboardPage />, { path: '/dashboard' });

    const sales = await screen.findByRole('region', { name: 'Sales trends' });
    await user.click(within(sales).getByRole('button', { name: 'Show table' }));
    const table = within(sales).getByRole('table', { name: 'Sales per period' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/2.*20\.00.*1.*10\.00/);
    expect(within(sales).getByRole('button', { name: 'Show chart' })).toHaveAttribute('aria-pressed', 'true');

    await user.selectOptions(within(sales).getByLabelText('Per'), 'week');
    await waitFor(() => expect(calls(fetch, 'sales-trends').at(-1)).toMatch(/granularity=week$/));

    const top = screen.getByRole('region', { name: 'Top resellers' });
    await user.selectOptions(within(top).getByLabelText('Rank by'), 'clients');
    await waitFor(() => expect(calls(fetch, 'top-resellers').at(-1)).toMatch(/by=clients&limit=10$/));
    await user.click(within(top).getByRole('button', { name: 'Show table' }));
    expect(within(top).getByRole('table', { name: 'Top resellers' })).toHaveTextContent('Acme SIMs');

    const shares = screen.getByRole('region', { name: 'Revenue distribution' });
    await user.selectOptions(within(shares).getByLabelText('By'), 'payment_method');
    await waitFor(() => expect(calls(fetch, 'revenue-distribution').at(-1)).toMatch(/by=payment_method$/));
  });

  it('leaves the whole-business widgets out for a reseller login', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = dashboardApi({}, true);
    renderWithProviders(<DashboardPage />, { path: '/dashboard' });

    expect(await screen.findByRole('region', { name: 'Sales trends' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Top resellers' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Registrations' })).not.toBeInTheDocument();
    expect(calls(fetch, 'top-resellers')).toHaveLength(0);
    expect(calls(fetch, 'revenue-distribution')).toHaveLength(0);
    expect(calls(fetch, 'registration-trends')).toHaveLength(0);
  });

  it('hides a widget the API refuses as business-only, and shows other failures with a retry', async () => {
    tokens.save('access', 'refresh', false);
    const refused = () => envelope(403, 'business_figures_only', 'This figure compares the whole business.');
    dashboardApi({ 'top-resellers': refused, 'sales-trends': () => envelope(500, 'server_error', 'Boom') });
    renderWithProviders(<DashboardPage />, { path: '/dashboard' });

    const sales = await screen.findByRole('region', { name: 'Sales trends' });
    expect(await within(sales).findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    expect(within(sales).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    await screen.findByRole('region', { name: 'Registrations' });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Top resellers' })).not.toBeInTheDocument());
    expect(screen.queryByText(/compares the whole business/)).not.toBeInTheDocument();
  });

  it('refetches the figures when a live event says orders changed', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = dashboardApi();
    renderWithProviders(<DashboardPage />, { path: '/dashboard' });
    await screen.findByText('Orders today');
    await waitFor(() => expect(calls(fetch, 'metrics')).toHaveLength(1));

    live.listener?.({ type: 'dashboard.changed', data: { topic: 'tickets' } });
    await waitFor(() => expect(calls(fetch, 'metrics')).toHaveLength(2));
    expect(calls(fetch, 'sales-trends')).toHaveLength(1);

    live.listener?.({ type: 'dashboard.changed', data: { topic: 'orders' } });
    await waitFor(() => expect(calls(fetch, 'metrics')).toHaveLength(3));
    await waitFor(() => expect(calls(fetch, 'sales-trends')).toHaveLength(2));
  });

  it('says when a date range ends before it starts and keeps the last good range', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = dashboardApi();
    const user = userEvent.setup();
    renderWithProviders(<DashboardPage />, { path: '/dashboard' });
    await screen.findByRole('region', { name: 'Sales trends' });
    const before = calls(fetch, 'sales-trends').length;
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2999-01-01');
    expect(await screen.findByText('The date range ends before it starts.')).toBeInTheDocument();
    expect(calls(fetch, 'sales-trends')).toHaveLength(before);
  });
});
