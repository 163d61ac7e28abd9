import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import CustomReportPage from './CustomReportPage';

const OPTIONS = {
  kinds: [
    { kind: 'sales', label: 'Sales: every order', filters: ['status', 'reseller_id', 'amount_min'] },
    { kind: 'custom', label: 'Custom: dimensions x metrics over orders', filters: ['status'] },
  ],
  dimensions: [
    { name: 'month', label: 'Month', type: 'date', choices: [] },
    { name: 'source', label: 'Source', type: 'enum', choices: ['app_user', 'reseller_client'] },
  ],
  metrics: [
    { name: 'orders', label: 'Orders', type: 'integer', choices: [] },
    { name: 'revenue', label: 'Revenue (order totals)', type: 'money', choices: [] },
  ],
  filters: [
    { name: 'status', label: 'Order status', type: 'enum', choices: ['pending', 'activated'] },
    { name: 'reseller_id', label: 'Reseller id', type: 'integer', choices: [] },
    { name: 'amount_min', label: 'Order total at least', type: 'money', choices: [] },
  ],
  formats: ['csv', 'xlsx', 'pdf'],
  max_range_days: 1830,
  max_dimensions: 4,
};

function reportsApi(answer: (body: Record<string, unknown>) => Response) {
  return mockFetch(
    withProfile((url, init) => {
      if (url === '/api/reports/options/') return json(200, OPTIONS);
      if (url === '/api/reports/' && init.method === 'POST') return answer(JSON.parse(String(init.body)) as Record<string, unknown>);
      return json(404, {});
    }, ['reports:read', 'reports:create']),
  );
}

async function fillPeriod(user: ReturnType<typeof userEvent.setup>, from: string, to: string) {
  await user.clear(screen.getByLabelText(/First day/));
  await user.type(screen.getByLabelText(/First day/), from);
  await user.clear(screen.getByLabelText(/Last day/));
  await user.type(screen.getByLabelText(/Last day/), to);
}

describe('CustomReportPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('asks for a report with the kind’s filters typed as the API expects', async () => {
    tokens.save('access', 'refresh', false);
    const sent: Record<string, unknown>[] = [];
    reportsApi((body) => {
      sent.push(body);
      return json(202, { id: 5 });
    });
    const user = userEvent.setup();
    renderWithProviders(<CustomReportPage />, { path: '/reports/custom' });

    await user.selectOptions(await screen.findByLabelText(/Format/), 'xlsx');
    await fillPeriod(user, '2026-04-01', '2026-04-30');
    await user.selectOptions(screen.getByLabelText('Order status'), 'activated');
    await user.type(screen.getByLabelText('Reseller id'), '12');
    await user.click(screen.getByRole('button', { name: 'Generate report' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      kind: 'sales',
      format: 'xlsx',
      date_from: '2026-04-01',
      date_to: '2026-04-30',
      filters: { status: 'activated', reseller_id: 12 },
      dimensions: [],
      metrics: [],
    });
    expect(await screen.findByText('Report 5 is being made. It appears in the list with its progress.')).toBeInTheDocument();
  });

  it('checks the custom builder and the filters before sending', async () => {
    tokens.save('access', 'refresh', false);
    const sent: Record<string, unknown>[] = [];
    reportsApi((body) => {
      sent.push(body);
      return json(202, { id: 6 });
    });
    const user = userEvent.setup();
    renderWithProviders(<CustomReportPage />, { path: '/reports/custom' });

    await user.type(await screen.findByLabelText('Reseller id'), 'x1');
    await fillPeriod(user, '2026-04-30', '2026-04-01');
    await user.click(screen.getByRole('button', { name: 'Generate report' }));
    expect(await screen.findByText('A positive whole number.')).toBeInTheDocument();
    expect(screen.getByText('The range ends before it starts.')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText(/^Report/), 'custom');
    // The sales-only filters are gone; the builder appears.
    expect(screen.queryByLabelText('Reseller id')).not.toBeInTheDocument();
    await fillPeriod(user, '2026-04-01', '2026-04-30');
    await user.click(screen.getByRole('button', { name: 'Generate report' }));
    expect(await screen.findByText('Pick at least one dimension.')).toBeInTheDocument();
    expect(screen.getByText('Pick at least one metric.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: 'Month' }));
    await user.click(screen.getByRole('checkbox', { name: 'Revenue (order totals)' }));
    await user.click(screen.getByRole('button', { name: 'Generate report' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ kind: 'custom', filters: {}, dimensions: ['month'], metrics: ['revenue'] });
  });

  it('shows the API’s field errors under their fields', async () => {
    tokens.save('access', 'refresh', false);
    reportsApi(() =>
      envelope(422, 'validation_error', 'The report request is not valid.', [
        { field: 'body.filters.amount_min', message: 'must be an amount between 0 and 1000000000' },
        { field: 'body.date_to', message: 'a report covers at most 1830 days' },
      ]),
    );
    const user = userEvent.setup();
    renderWithProviders(<CustomReportPage />, { path: '/reports/custom' });
    await user.type(await screen.findByLabelText('Order total at least'), '2000000000');
    await user.click(screen.getByRole('button', { name: 'Generate report' }));
    expect(await screen.findByText('Must be an amount between 0 and 1000000000.')).toBeInTheDocument();
    expect(screen.getByText('A report covers at most 1830 days.')).toBeInTheDocument();
    expect(screen.getByLabelText('Order total at least')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows why the options could not be loaded', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(withProfile(() => envelope(503, 'unavailable', 'Down'), ['reports:read', 'reports:create']));
    renderWithProviders(<CustomReportPage />, { path: '/reports/custom' });
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
