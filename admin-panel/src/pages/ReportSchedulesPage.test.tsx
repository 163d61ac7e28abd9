import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { ScheduleRead } from '@/services/reports';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import ReportSchedulesPage from './ReportSchedulesPage';

function schedule(id: number, changes: Partial<ScheduleRead> = {}): ScheduleRead {
  return {
    id,
    name: `Daily sales ${id}`,
    kind: 'sales',
    format: 'csv',
    cadence: 'daily',
    params: {},
    recipients: ['boss@example.com'],
    active: true,
    created_by_id: 1,
    created_at: '2026-05-01T09:00:00Z',
    updated_at: '2026-05-01T09:00:00Z',
    temporal_schedule_id: `report-schedule-${id}`,
    ...changes,
  };
}
const page = (items: ScheduleRead[]) => ({ items, total: items.length, total_exact: true, page: 1, page_size: 25, has_more: false });

describe('ReportSchedulesPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('lists schedules, pauses one and deletes another after confirming', async () => {
    tokens.save('access', 'refresh', false);
    const sent: Array<[string, string, string]> = [];
    mockFetch(
      withProfile((url, init) => {
        const method = init.method ?? 'GET';
        if (method !== 'GET') sent.push([method, url, String(init.body ?? '')]);
        if (url.startsWith('/api/reports/schedules/?')) return json(200, page([schedule(1), schedule(2, { active: false, cadence: 'weekly' })]));
        if (url === '/api/reports/schedules/1/' && method === 'PATCH') return json(200, schedule(1, { active: false }));
        if (url === '/api/reports/schedules/2/' && method === 'DELETE') return json(204, null);
        return json(404, {});
      }, ['reports:read', 'reports:manage']),
    );
    const user = userEvent.setup();
    renderWithProviders(<ReportSchedulesPage />, { path: '/reports/schedules' });

    await screen.findByText('Daily sales 1');
    const table = screen.getByRole('table', { name: 'Scheduled reports' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(first).toHaveTextContent(/Daily sales 1.*Sales · CSV.*Day.*boss@example.com.*Active/);
    expect(second).toHaveTextContent(/Week \(Monday\).*Paused/);

    await user.click(screen.getByRole('button', { name: 'Pause Daily sales 1' }));
    expect(await screen.findByText('"Daily sales 1" is paused.')).toBeInTheDocument();
    expect(sent[0]).toEqual(['PATCH', '/api/reports/schedules/1/', '{"active":false}']);

    await user.click(screen.getByRole('button', { name: 'Delete Daily sales 2' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this schedule?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete schedule' }));
    expect(await screen.findByText('"Daily sales 2" is deleted.')).toBeInTheDocument();
    expect(sent[1]?.slice(0, 2)).toEqual(['DELETE', '/api/reports/schedules/2/']);
  });

  it('creates a weekly schedule, checking the recipients and showing the API’s field errors', async () => {
    tokens.save('access', 'refresh', false);
    const bodies: unknown[] = [];
    mockFetch(
      withProfile((url, init) => {
        if (url.startsWith('/api/reports/schedules/?')) return json(200, page([]));
        if (url === '/api/reports/options/') return json(404, {});
        if (url === '/api/reports/schedules/' && init.method === 'POST') {
          bodies.push(JSON.parse(String(init.body)));
          return bodies.length === 1
            ? envelope(422, 'validation_error', 'Invalid.', [{ field: 'body.name', message: 'a schedule with this name exists' }])
            : json(201, schedule(3, { name: 'Weekly sales', cadence: 'weekly' }));
        }
        return json(404, {});
      }, ['reports:read', 'reports:manage']),
    );
    const user = userEvent.setup();
    renderWithProviders(<ReportSchedulesPage />, { path: '/reports/schedules' });
    expect(await screen.findByText('No schedules yet')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New schedule' }));
    const dialog = screen.getByRole('dialog', { name: 'Schedule a report' });
    await user.click(within(dialog).getByRole('button', { name: 'Create schedule' }));
    expect(await within(dialog).findByText('Give the schedule a name.')).toBeInTheDocument();
    expect(within(dialog).getByText('At least one recipient.')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText(/Name/), 'Weekly sales');
    await user.selectOptions(within(dialog).getByLabelText(/Every/), 'weekly');
    await user.type(within(dialog).getByLabelText(/Recipients/), 'boss@example.com, nope');
    await user.click(within(dialog).getByRole('button', { name: 'Create schedule' }));
    expect(await within(dialog).findByText('Not an email address.')).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText(/Recipients/));
    await user.type(within(dialog).getByLabelText(/Recipients/), 'boss@example.com\nops@example.org');
    await user.click(within(dialog).getByRole('button', { name: 'Create schedule' }));
    expect(await within(dialog).findByText('A schedule with this name exists.')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Create schedule' }));
    expect(await screen.findByText('"Weekly sales" will be emailed every Monday.')).toBeInTheDocument();
    expect(bodies[1]).toEqual({
      name: 'Weekly sales',
      kind: 'sales',
      format: 'csv',
      cadence: 'weekly',
      recipients: ['boss@example.com', 'ops@example.org'],
      active: true,
    });
  });
});
