import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { ReportRead } from '@/services/reports';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import ReportsPage from './ReportsPage';

function job(id: number, changes: Partial<ReportRead> = {}): ReportRead {
  return {
    id,
    kind: 'sales',
    format: 'csv',
    status: 'queued',
    params: { date_from: '2026-05-01', date_to: '2026-05-10' },
    progress_percent: 0,
    rows_processed: 0,
    error: '',
    requested_by_id: 1,
    download_url: null,
    created_at: '2026-05-10T09:00:00Z',
    started_at: null,
    completed_at: null,
    ...changes,
  };
}
const page = (items: ReportRead[]) => ({ items, total: items.length, total_exact: true, page: 1, page_size: 25, has_more: false });
const detail = (report: ReportRead) => ({ ...report, workflow_id: `report-${report.id}`, progress_from: 'workflow' });
const ALL = ['reports:read', 'reports:create', 'reports:manage'];

describe('ReportsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('follows a running report until it completes, then offers its download', async () => {
    tokens.save('access', 'refresh', false);
    let finished = false;
    const fetch = mockFetch(
      withProfile((url) => {
        if (url.startsWith('/api/reports/?')) return json(200, page([finished ? job(7, { status: 'completed', progress_percent: 100, download_url: '/api/reports/7/download/' }) : job(7, { status: 'running' })]));
        if (url === '/api/reports/7/') {
          finished = true;
          return json(200, detail(job(7, { status: 'completed', progress_percent: 100, rows_processed: 120 })));
        }
        if (url === '/api/reports/7/download/')
          return new Response('a,b\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="sales-7.csv"' } });
        return json(404, {});
      }, ALL),
    );
    const createObjectURL = vi.fn(() => 'blob:report');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderWithProviders(<ReportsPage />, { path: '/reports' });

    const download = await screen.findByRole('button', { name: 'Download report 7' });
    expect(screen.getByRole('table', { name: 'Reports' })).toHaveTextContent('Completed');
    await user.click(download);
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('sales-7.csv');
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain('/api/reports/7/download/');
  });

  it('shows a running report’s progress and cancels it', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(
      withProfile((url, init) => {
        if (url.startsWith('/api/reports/?')) return json(200, page([job(8, { status: 'running' }), job(9, { status: 'failed', error: 'The period has no data.' })]));
        if (url === '/api/reports/8/') return json(200, detail(job(8, { status: 'running', progress_percent: 40, rows_processed: 2000 })));
        if (url === '/api/reports/8/cancel/' && init.method === 'POST') return json(202, job(8, { status: 'running' }));
        return json(404, {});
      }, ALL),
    );
    const user = userEvent.setup();
    renderWithProviders(<ReportsPage />, { path: '/reports' });

    const progress = await screen.findByRole('progressbar', { name: 'Progress of report 8' });
    await waitFor(() => expect(progress).toHaveAttribute('value', '40'));
    expect(screen.getByText('40% · 2,000 rows')).toBeInTheDocument();
    expect(screen.getByText('The period has no data.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel report 9' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel report 8' }));
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => String(url) === '/api/reports/8/cancel/')).toBe(true));
    expect(await screen.findByText('Report 8 is being cancelled.')).toBeInTheDocument();
  });

  it('filters by status, and says when there are no reports or the list failed', async () => {
    tokens.save('access', 'refresh', false);
    let fail = false;
    const fetch = mockFetch(withProfile(() => (fail ? envelope(500, 'server_error', 'Boom') : json(200, page([]))), ['reports:read']));
    const user = userEvent.setup();
    const view = renderWithProviders(<ReportsPage />, { path: '/reports' });
    expect(await screen.findByText('No reports yet')).toBeInTheDocument();
    // Without reports:create there is nothing to ask for.
    expect(screen.queryByRole('button', { name: 'New report' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Scheduled reports' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    expect(await screen.findByText('No reports match')).toBeInTheDocument();
    expect(String(fetch.mock.calls.at(-1)?.[0])).toBe('/api/reports/?page=1&page_size=25&status=failed');
    view.unmount();

    fail = true;
    renderWithProviders(<ReportsPage />, { path: '/reports' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
