import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { TransactionDetail } from '@/api/types';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import TransactionDetailsPage from './TransactionDetailsPage';

const REFUND: TransactionDetail = {
  id: 12,
  transaction_id: 'TXN-2026-000012',
  transaction_type: 'refund',
  status: 'pending',
  amount: '750.00',
  currency: 'USD',
  payment_method: 'card',
  order_id: null,
  user_id: 5,
  reseller_id: null,
  parent_id: 11,
  gateway_transaction_id: '',
  failure_reason: '',
  created_by_id: 2,
  created_at: '2026-05-01T10:00:00Z',
  updated_at: '2026-05-01T10:00:00Z',
  payment_gateway_response: {},
  refundable_amount: null,
  approval_required: true,
};

const DECISION = '/api/transactions/12/decision/';

function renderDetail(handler: (url: string, init: RequestInit) => Response, permissions: string[]) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(withProfile(handler, permissions));
  renderWithProviders(
    <Routes>
      <Route path="/transactions/:id" element={<TransactionDetailsPage />} />
    </Routes>,
    { path: '/transactions/12' },
  );
  return fetch;
}

const decisions = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.filter(([url]) => url === DECISION).map(([, init]) => JSON.parse(String(init?.body)) as unknown);

describe('TransactionDetailsPage refund approval', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('approves a refund above the threshold, then waits for its workflow to pay it', async () => {
    let decided = false;
    const fetch = renderDetail((url) => {
      if (url === DECISION) {
        decided = true;
        return json(200, REFUND);
      }
      return json(200, decided ? { ...REFUND, status: 'completed' } : REFUND);
    }, ['transactions:read', 'transactions:refund']);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Approve refund TXN-2026-000012?' });
    await user.click(within(confirm).getByRole('button', { name: 'Approve refund' }));
    expect(await screen.findByText('Refund TXN-2026-000012 approved: it is being paid back.')).toBeInTheDocument();
    expect(decisions(fetch)).toEqual([{ approve: true, reason: '' }]);
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('rejects with a reason, which is required', async () => {
    const fetch = renderDetail(() => json(200, REFUND), ['transactions:read', 'transactions:refund']);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject refund TXN-2026-000012?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reject refund' }));
    expect(await within(dialog).findByText('Say why in at least 3 characters.')).toBeInTheDocument();
    expect(decisions(fetch)).toEqual([]);
    await user.type(within(dialog).getByLabelText(/Reason/), 'Customer used the plan');
    await user.click(within(dialog).getByRole('button', { name: 'Reject refund' }));
    expect(await screen.findByText('Refund TXN-2026-000012 rejected.')).toBeInTheDocument();
    expect(decisions(fetch)).toEqual([{ approve: false, reason: 'Customer used the plan' }]);
  });

  it('shows the API refusal (the requester, four eyes) in a toast', async () => {
    renderDetail(
      (url) =>
        url === DECISION
          ? envelope(409, 'not_awaiting_approval', 'This refund is not awaiting approval.')
          : json(200, REFUND),
      ['transactions:read', 'transactions:refund'],
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    await user.click(screen.getByRole('button', { name: 'Approve refund' }));
    expect(await screen.findByText('This refund is not awaiting approval.')).toBeInTheDocument();
  });

  it('hides the decision from its requester and from those who may not refund', async () => {
    // The signed-in test profile is account 1.
    renderDetail(() => json(200, { ...REFUND, created_by_id: 1 }), ['transactions:read', 'transactions:refund']);
    expect(await screen.findByText(/You requested this refund/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    cleanup();
    vi.unstubAllGlobals();

    renderDetail(() => json(200, REFUND), ['transactions:read']);
    expect(await screen.findByText(/waits for a second person/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('offers nothing for a refund at or below the threshold', async () => {
    renderDetail(() => json(200, { ...REFUND, approval_required: false }), ['transactions:read', 'transactions:refund']);
    expect(await screen.findByRole('heading', { level: 1, name: 'TXN-2026-000012' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Approval' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });
});

const PAYMENT: TransactionDetail = {
  ...REFUND,
  id: 11,
  transaction_id: 'TXN-2026-000011',
  transaction_type: 'payment',
  status: 'completed',
  parent_id: null,
  order_id: 40,
  refundable_amount: '0.00',
  approval_required: false,
};
const INVOICE = '/api/transactions/11/invoice/';

function renderPayment(payment: TransactionDetail, invoice: () => Response) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(withProfile((url) => (url === INVOICE ? invoice() : json(200, payment)), ['transactions:read']));
  renderWithProviders(
    <Routes>
      <Route path="/transactions/:id" element={<TransactionDetailsPage />} />
    </Routes>,
    { path: '/transactions/11' },
  );
  return fetch;
}

describe('TransactionDetailsPage invoice', () => {
  afterEach(() => {
    tokens.clear();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('downloads a completed payment’s invoice under the name the API gives it', async () => {
    const saved: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn((blob: Blob) => (saved.push(blob), 'blob:x')), revokeObjectURL: vi.fn() }));
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const fetch = renderPayment(
      PAYMENT,
      () =>
        new Response(new Blob(['%PDF-1.7'], { type: 'application/pdf' }), {
          status: 200,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="INV-2026-000011.pdf"' },
        }),
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download invoice' }));
    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(names).toEqual(['INV-2026-000011.pdf']);
    expect(saved.map((blob) => blob.type)).toEqual(['application/pdf']);
    expect(fetch.mock.calls.filter(([url]) => url === INVOICE)).toHaveLength(1);
  });

  it('shows the API refusal in a toast', async () => {
    renderPayment(PAYMENT, () => envelope(409, 'not_invoiceable', 'Only a completed payment has an invoice.'));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download invoice' }));
    expect(await screen.findByText('Only a completed payment has an invoice.')).toBeInTheDocument();
  });

  it('offers no invoice for a payment not completed, nor for a refund', async () => {
    renderPayment({ ...PAYMENT, status: 'pending' }, () => json(500, {}));
    expect(await screen.findByRole('heading', { level: 1, name: 'TXN-2026-000011' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download invoice' })).not.toBeInTheDocument();
    cleanup();
    vi.unstubAllGlobals();

    renderPayment({ ...PAYMENT, transaction_type: 'refund' }, () => json(500, {}));
    expect(await screen.findByRole('heading', { level: 1, name: 'TXN-2026-000011' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download invoice' })).not.toBeInTheDocument();
  });
});
