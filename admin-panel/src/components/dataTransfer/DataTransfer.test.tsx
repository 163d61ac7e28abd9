import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import UsersPage from '@/pages/UsersPage';

const EMPTY = { items: [], total: 0, total_exact: true, page: 1, page_size: 25, has_more: false };
const report = (overrides: object) => ({ resource: 'users', dry_run: true, rows: 3, passed: 3, created: 0, error_count: 0, errors: [], ...overrides });
const BAD = report({
  passed: 1,
  error_count: 3,
  errors: [
    { row: 1, field: 'email', message: 'value is not a valid email address', type: 'value_error' },
    { row: 3, field: null, message: 'the same email as row 1', type: 'duplicate' },
  ],
});

function renderUsers(handler: (url: string, init: RequestInit) => Response, permissions = ['users:read', 'users:update', 'data:import', 'data:export']) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(withProfile((url, init) => (url.startsWith('/api/users/') ? json(200, EMPTY) : handler(url, init)), permissions));
  renderWithProviders(<UsersPage />, { path: '/users?search=ana&status=active' });
  return { fetch, user: userEvent.setup() };
}

const imports = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/import/'));

describe('Import and export', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('exports the filtered list in the chosen format', async () => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { fetch, user } = renderUsers(() => new Response('[]', { headers: { 'Content-Disposition': 'attachment; filename="users-2026.json"' } }));
    await user.click(await screen.findByRole('button', { name: 'Export app users' }));
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['CSV', 'JSON', 'Excel (XLSX)']);
    await user.click(screen.getByRole('menuitem', { name: 'JSON' }));
    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const exportCall = fetch.mock.calls.find(([url]) => String(url).startsWith('/api/export/'));
    // The list's filters, not its page or order.
    expect(exportCall?.[0]).toBe('/api/export/users/?search=ana&status=active&format=json');
    click.mockRestore();
  });

  it('checks the file first, lists bad rows by number, then imports a clean file', async () => {
    const { fetch, user } = renderUsers((url) => {
      if (url === '/api/import/users/?dry_run=true') return imports(fetch).length === 1 ? json(200, BAD) : json(200, report({}));
      if (url === '/api/import/users/?dry_run=false') return json(201, report({ dry_run: false, created: 3 }));
      return json(404, {});
    });
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = screen.getByRole('dialog', { name: 'Import app users' });
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    expect(within(dialog).getByText('Choose a file to import.')).toBeInTheDocument();

    await user.upload(within(dialog).getByLabelText(/File/), new File(['email\nnope'], 'users.csv', { type: 'text/csv' }));
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    const errors = await within(dialog).findByRole('table', { name: 'Errors in the file' });
    expect(within(errors).getAllByRole('row').slice(1).map((row) => row.textContent)).toEqual([
      '1emailvalue is not a valid email address',
      '3(whole row)the same email as row 1',
    ]);
    expect(within(dialog).getByText(/3 errors in 3 rows: fix the file and check it again. Nothing was imported. The first 2 are listed./)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Import / })).not.toBeInTheDocument();

    await user.upload(within(dialog).getByLabelText(/File/), new File(['email\nana@example.com'], 'fixed.csv', { type: 'text/csv' }));
    expect(within(dialog).queryByRole('table')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    expect(await within(dialog).findByText('All 3 rows passed the checks. Import them to create app users.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Import 3 rows' }));
    expect(await screen.findByText('3 rows imported into app users.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(imports(fetch)).toEqual(['/api/import/users/?dry_run=true', '/api/import/users/?dry_run=true', '/api/import/users/?dry_run=false']);
    const body = fetch.mock.calls.find(([url]) => url === '/api/import/users/?dry_run=false')?.[1]?.body;
    expect(body instanceof FormData ? (body.get('file') as File).name : body).toBe('fixed.csv');
  });

  it('shows the report when the real run is refused after all', async () => {
    const { user } = renderUsers((url) =>
      url.endsWith('dry_run=true')
        ? json(200, report({}))
        : envelope(422, 'import_rejected', '1 error(s) in the file; nothing was imported.', report({ dry_run: false, passed: 2, error_count: 1, errors: [{ row: 2, field: 'phone', message: 'already registered', type: 'conflict' }] })),
    );
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = screen.getByRole('dialog', { name: 'Import app users' });
    await user.upload(within(dialog).getByLabelText(/File/), new File(['x'], 'users.csv', { type: 'text/csv' }));
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Import 3 rows' }));
    expect(await within(dialog).findByText('already registered')).toBeInTheDocument();
  });

  it('runs a large file as a background job, with its progress and every row\'s outcome', async () => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const job = (id: number, dryRun: boolean, overrides: object) => ({
      id, kind: 'import_rows', status: 'queued', options: { resource: 'users', dry_run: dryRun }, total_rows: 3000,
      processed_rows: 0, succeeded: 0, failed: 0, progress_percent: 0, error: '', requested_by_id: 1, url: `/api/jobs/${id}/`,
      result_url: null, created_at: '2026-11-22T10:00:00Z', started_at: null, finished_at: null, workflow_id: `bulk-${id}`,
      progress_from: 'record', ...overrides,
    });
    const done = { status: 'completed', processed_rows: 3000, progress_percent: 100 };
    let polls = 0;
    const { fetch, user } = renderUsers((url) => {
      if (url === '/api/import/users/?dry_run=true') return json(202, job(5, true, {}));
      if (url === '/api/import/users/?dry_run=false') return json(202, job(6, false, {}));
      if (url === '/api/jobs/5/') return json(200, job(5, true, { ...done, succeeded: 3000, result_url: '/api/jobs/5/result/' }));
      if (url === '/api/jobs/6/')
        return (polls += 1) === 1
          ? json(200, job(6, false, { status: 'running', processed_rows: 1500, succeeded: 1499, failed: 1, progress_percent: 50, progress_from: 'workflow' }))
          : json(200, job(6, false, { ...done, succeeded: 2998, failed: 2, result_url: '/api/jobs/6/result/' }));
      if (url === '/api/jobs/6/result/') return new Response('row,ok,error,id\n', { headers: { 'Content-Disposition': 'attachment; filename="job-6-results.csv"' } });
      return json(404, {});
    });
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = screen.getByRole('dialog', { name: 'Import app users' });
    await user.upload(within(dialog).getByLabelText(/File/), new File(['email'], 'users.csv', { type: 'text/csv' }));
    await user.click(within(dialog).getByRole('button', { name: 'Check file' }));
    expect(await within(dialog).findByText(/3000 of 3000 rows passed the checks, 0 failed./)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Import 3000 rows' }));
    const progress = await within(dialog).findByRole('progressbar', { name: 'Rows done' });
    await vi.waitFor(() => expect(progress).toHaveAttribute('aria-valuetext', '1500 of 3000 rows'));
    expect(within(dialog).getByText('A large file runs in the background: 1500 of 3000 rows done, 1 failed.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Import / })).not.toBeInTheDocument();

    expect(await within(dialog).findByText(/2998 of 3000 rows imported, 2 failed./, {}, { timeout: 5000 })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: "Download every row's outcome" }));
    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain('/api/jobs/6/result/');
    click.mockRestore();
  }, 10_000);

  it('offers neither import nor export without their permissions', async () => {
    renderUsers(() => json(404, {}), ['users:read']);
    await screen.findByRole('heading', { level: 1, name: 'App users' });
    expect(screen.queryByRole('button', { name: 'Import' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export app users' })).not.toBeInTheDocument();
  });
});
