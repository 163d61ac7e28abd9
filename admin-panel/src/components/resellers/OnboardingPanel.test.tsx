import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { ResellerDetail } from '@/api/types';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import ResellerDetailsPage from '@/pages/ResellerDetailsPage';

const RESELLER: ResellerDetail = {
  id: 7, business_name: 'Harbor Telecom', contact_person: 'Jo Marsh', email: 'sales@harbor.example.com',
  phone: '+14155550142', address: '', city: 'Portland', state: '', country: 'US', status: 'pending',
  status_reason: '', credit_limit: '0.00', current_balance: '0.00', commission_rate: '0.00', currency: 'USD',
  created_at: '2026-01-02T10:00:00Z', updated_at: '2026-01-02T10:00:00Z', revenue_total: '0.00',
  orders_count: 0, open_orders_count: 0, clients_count: 0, available_credit: '0.00',
  onboarding_status: 'awaiting_decision', credit_limit_reached_at: null,
};
const ONBOARDING = {
  reseller_id: 7, onboarding_status: 'awaiting_decision', email_verified_at: '2026-01-02T11:00:00Z',
  documents_submitted_at: '2026-01-02T12:00:00Z', step: 'awaiting_decision', reminders_sent: 1,
  expires_at: '2026-01-30T10:00:00Z', workflow_id: 'reseller-onboarding-7',
};
const DOCUMENT = {
  id: 3, document_type: 'business_registration', uploaded_by_id: 1, created_at: '2026-01-02T12:00:00Z',
  file: { id: 9, purpose: 'kyb', original_name: 'registration.pdf', content_type: 'application/pdf', size_bytes: 20480, sha256: 'x', created_at: '2026-01-02T12:00:00Z', url: '/api/files/9/' },
};
const PERMISSIONS = ['resellers:read', 'resellers:update', 'resellers:suspend'];

function renderPage(handler: (url: string, init: RequestInit) => Response, reseller: ResellerDetail = RESELLER) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(
    withProfile((url, init) => (url === '/api/resellers/7/' ? json(200, reseller) : handler(url, init)), PERMISSIONS),
  );
  renderWithProviders(
    <Routes>
      <Route path="/resellers/:id" element={<ResellerDetailsPage />} />
    </Routes>,
    { path: '/resellers/7' },
  );
  return { fetch, user: userEvent.setup() };
}

const decisions = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.filter(([url]) => String(url) === '/api/resellers/7/onboarding/decision/').map(([, init]) => JSON.parse(String(init?.body)));

describe('Reseller onboarding', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('shows the steps and documents, and approves with limits instead of setting the status by hand', async () => {
    let rejectOnce = true;
    const { fetch, user } = renderPage((url) => {
      if (url === '/api/resellers/7/onboarding/') return json(200, ONBOARDING);
      if (url === '/api/resellers/7/documents/') return json(200, [DOCUMENT]);
      if (url === '/api/resellers/7/onboarding/decision/') {
        if (rejectOnce) {
          rejectOnce = false;
          return envelope(422, 'validation_error', 'The request is not valid.', [
            { field: 'body.credit_limit', message: 'Input should be less than or equal to 1000000' },
          ]);
        }
        return json(202, ONBOARDING);
      }
      return json(200, { items: [], total: 0 });
    });

    const card = await screen.findByRole('region', { name: 'Onboarding' });
    const steps = await within(card).findByRole('list', { name: 'Onboarding steps' });
    const [email, documents, decision] = within(steps).getAllByRole('listitem');
    expect(email).toHaveTextContent('Done: Email verifiedJan 2, 2026, 11:00 AM');
    expect(documents).toHaveTextContent('Done: Documents submittedJan 2, 2026, 12:00 PM');
    expect(decision).toHaveTextContent('To do: DecisionWaiting for an approver.');
    expect(within(card).getByText(/1 reminder sent to approvers/)).toBeInTheDocument();
    expect(await within(card).findByRole('link', { name: 'registration.pdf' })).toHaveAttribute('href', '/api/files/9/');
    expect(within(card).getByText('Business registration · 20 KB')).toBeInTheDocument();
    // The page's own "Approve" (a bare status change) is gone; Suspend stays.
    const header = screen.getByRole('heading', { level: 1 }).parentElement!.parentElement!;
    expect(within(header).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(within(header).getByRole('button', { name: 'Suspend' })).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Approve' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve Harbor Telecom?' });
    await user.clear(within(dialog).getByLabelText(/Credit limit/));
    await user.type(within(dialog).getByLabelText(/Credit limit/), '12.345');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await within(dialog).findByText('Use an amount like 2500 or 2500.50.')).toBeInTheDocument();
    expect(decisions(fetch)).toEqual([]);

    await user.clear(within(dialog).getByLabelText(/Credit limit/));
    await user.type(within(dialog).getByLabelText(/Credit limit/), '2000000');
    await user.clear(within(dialog).getByLabelText(/Commission/));
    await user.type(within(dialog).getByLabelText(/Commission/), '7.5');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await within(dialog).findByText('Input should be less than or equal to 1000000.')).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText(/Credit limit/));
    await user.type(within(dialog).getByLabelText(/Credit limit/), '2500');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await within(card).findByText('Decision sent: the onboarding workflow is applying it.')).toBeInTheDocument();
    expect(decisions(fetch).at(-1)).toEqual({ approve: true, reason: '', credit_limit: '2500', commission_rate: '7.5' });
    expect(within(card).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('rejects with a reason, and shows the API refusing when the onboarding moved on', async () => {
    const { fetch, user } = renderPage((url) => {
      if (url === '/api/resellers/7/onboarding/') return json(200, ONBOARDING);
      if (url === '/api/resellers/7/documents/') return json(200, []);
      if (url === '/api/resellers/7/onboarding/decision/')
        return envelope(409, 'not_awaiting_decision', "This reseller's onboarding is not awaiting a decision (it is not running).");
      return json(200, { items: [], total: 0 });
    });
    const card = await screen.findByRole('region', { name: 'Onboarding' });
    expect(await within(card).findByText('No documents yet.')).toBeInTheDocument();
    await user.click(await within(card).findByRole('button', { name: 'Reject' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject Harbor Telecom?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await within(dialog).findByText('Say why in at least 3 characters.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Documents are forged');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await within(dialog).findByText(/not awaiting a decision/)).toBeInTheDocument();
    expect(decisions(fetch)).toEqual([{ approve: false, reason: 'Documents are forged' }]);
  });

  it('uploads a document as multipart, and flags a reseller at its credit limit', async () => {
    const { fetch, user } = renderPage(
      (url, init) => {
        if (url === '/api/resellers/7/onboarding/') return json(200, { ...ONBOARDING, onboarding_status: 'collecting', step: 'collecting', documents_submitted_at: null });
        if (url === '/api/resellers/7/documents/' && init.method === 'POST') return json(201, DOCUMENT);
        if (url === '/api/resellers/7/documents/') return json(200, []);
        return json(200, { items: [], total: 0 });
      },
      { ...RESELLER, onboarding_status: 'collecting', credit_limit_reached_at: '2026-01-03T10:00:00Z' },
    );
    expect(await screen.findByText('Credit limit reached')).toBeInTheDocument();
    const card = await screen.findByRole('region', { name: 'Onboarding' });
    expect(within(card).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    const form = await within(card).findByRole('form', { name: 'Upload a document' });
    await user.click(within(form).getByRole('button', { name: 'Upload' }));
    expect(within(form).getByText('Choose a file to upload.')).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText('Document type'), 'tax_certificate');
    await user.upload(within(form).getByLabelText('File'), new File(['%PDF-1.4'], 'tax.pdf', { type: 'application/pdf' }));
    await user.click(within(form).getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('tax.pdf was uploaded.')).toBeInTheDocument();
    const [, init] = fetch.mock.calls.find(([url, request]) => url === '/api/resellers/7/documents/' && request?.method === 'POST')!;
    const body = init!.body as FormData;
    expect(body.get('document_type')).toBe('tax_certificate');
    expect((body.get('file') as File).name).toBe('tax.pdf');
  });
});
