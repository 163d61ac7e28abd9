import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import EmailComposePage from './EmailComposePage';
import EmailDetailsPage from './EmailDetailsPage';

const CAMPAIGN = {
  id: 3, subject: 'Spring offers', body: 'Hello {{ name }}', segment: 'city_users', segment_value: 'Lisbon', status: 'sending',
  recipients_total: 4, created_by_id: 1, created_at: '2026-03-01T10:00:00Z', finished_at: null,
  counts: { pending: 3, sent: 1, cancelled: 0 }, step: 'sending',
};
const RECIPIENTS = {
  items: [{ id: 1, email: 'lin@example.com', name: 'Lin Buyer', status: 'sent', message_id: 5, sent_at: '2026-03-01T10:01:00Z' }],
  total: 1, total_exact: true, page: 1, page_size: 10, has_more: false,
};
const bodies = (fetch: ReturnType<typeof mockFetch>, url: string) =>
  fetch.mock.calls.filter(([called]) => called === url).map(([, init]) => JSON.parse(String(init?.body ?? 'null')));

function renderAt(path: string, handler: (url: string, init: RequestInit) => Response) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(withProfile(handler, ['emails:send']));
  renderWithProviders(
    <Routes>
      <Route path="/emails/new" element={<EmailComposePage />} />
      <Route path="/emails/:id" element={<EmailDetailsPage />} />
    </Routes>,
    { path },
  );
  return { fetch, user: userEvent.setup() };
}

describe('Custom emails', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('checks the draft, previews it with its reach, sends a test, then sends after confirming', async () => {
    const { fetch, user } = renderAt('/emails/new', (url) => {
      if (url === '/api/admin/emails/preview/') return json(200, { subject: 'Spring offers', body: 'Hello Lin Buyer', recipients: 4 });
      if (url === '/api/admin/emails/test/') return json(204, null);
      if (url === '/api/admin/emails/') return json(202, CAMPAIGN);
      if (url === '/api/admin/emails/3/') return json(200, CAMPAIGN);
      return json(200, RECIPIENTS);
    });
    await screen.findByRole('heading', { level: 1, name: 'Compose email' });
    // `{{` types one literal brace.
    await user.type(screen.getByLabelText(/Subject/), 'Spring {{{{ offer }}');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('{{ offer }} is not a variable: use {{ name }} or {{ email }}.')).toBeInTheDocument();
    expect(screen.getByText('Enter an email address.')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText(/Recipients/), 'city_users');
    expect(screen.getByLabelText(/City/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/City/), 'Lisbon');
    await user.clear(screen.getByLabelText(/Subject/));
    await user.type(screen.getByLabelText(/Subject/), 'Spring offers');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = screen.getByRole('region', { name: 'Preview' });
    expect(await within(preview).findByText('4 recipients')).toBeInTheDocument();
    expect(within(preview).getByText('Hello Lin Buyer')).toBeInTheDocument();
    expect(bodies(fetch, '/api/admin/emails/preview/')).toEqual([
      { subject: 'Spring offers', body: 'Hello {{ name }},', segment: 'city_users', segment_value: 'Lisbon' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Send test to me' }));
    expect(await screen.findByText('A test was sent to ada@example.org.')).toBeInTheDocument();
    expect(bodies(fetch, '/api/admin/emails/test/')).toEqual([{ subject: 'Spring offers', body: 'Hello {{ name }},' }]);

    await user.click(screen.getByRole('button', { name: 'Send…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Send this email?' });
    expect(confirm).toHaveTextContent('“Spring offers” goes to 4 recipients.');
    expect(bodies(fetch, '/api/admin/emails/')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Spring offers' })).toBeInTheDocument();
    expect(bodies(fetch, '/api/admin/emails/')).toHaveLength(1);
  });

  it('shows the API refusing the draft under its field', async () => {
    const { user } = renderAt('/emails/new', () =>
      envelope(422, 'invalid_template', 'The email uses variables it may not.', [
        { field: 'body.segment_value', message: 'no such plan' },
      ]),
    );
    await user.selectOptions(await screen.findByLabelText(/Recipients/), 'plan_users');
    await user.type(screen.getByLabelText(/Plan id/), '99');
    await user.type(screen.getByLabelText(/Subject/), 'Hi');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('No such plan.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Plan id/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows progress and per-recipient status, and cancels a sending campaign', async () => {
    const stopped = { ...CAMPAIGN, status: 'cancelled', step: null, counts: { pending: 0, sent: 1, cancelled: 3 } };
    let cancelled = false;
    const { fetch, user } = renderAt('/emails/3', (url) => {
      if (url === '/api/admin/emails/3/cancel/') {
        cancelled = true;
        return json(200, stopped);
      }
      if (url === '/api/admin/emails/3/') return json(200, cancelled ? stopped : CAMPAIGN);
      return json(200, RECIPIENTS);
    });
    expect(await screen.findByRole('progressbar', { name: 'Sent' })).toHaveAttribute('aria-valuetext', '1 of 4 sent');
    expect(screen.getByText('App users in a city: Lisbon')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Recipients' });
    expect(await within(table).findByText('Lin Buyer')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/^Lin Buyerlin@example.comSent/);

    await user.click(screen.getByRole('button', { name: 'Cancel sending' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel sending' }));
    expect(await screen.findByText('Sending was cancelled.')).toBeInTheDocument();
    expect(screen.getByText(/1 of 4 sent · 1 sent · 0 pending · 3 cancelled/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel sending' })).not.toBeInTheDocument();
    expect(fetch.mock.calls.filter(([url]) => url === '/api/admin/emails/3/cancel/')).toHaveLength(1);
  });
});
