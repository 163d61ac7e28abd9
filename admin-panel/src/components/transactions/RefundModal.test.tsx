import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { RefundModal } from './RefundModal';
import { refundSchema } from './refundSchema';

const PATH = '/api/transactions/3/refund/';
const PAYMENT = { id: 3, transaction_id: 'TXN-2026-000003', currency: 'USD', refundable_amount: '25.00' };

function refundCalls(fetch: ReturnType<typeof mockFetch>) {
  return fetch.mock.calls.filter(([url]) => String(url) === PATH);
}

async function submit(user: ReturnType<typeof userEvent.setup>, amount: string, reason: string) {
  const field = screen.getByRole('textbox', { name: 'Amount (USD)' });
  await user.clear(field);
  if (amount) await user.type(field, amount);
  if (reason) await user.type(screen.getByRole('textbox', { name: 'Reason' }), reason);
  await user.click(screen.getByRole('button', { name: 'Request refund' }));
}

describe('refund amount rules', () => {
  const check = (amount: string) => refundSchema('25.00', 'USD').safeParse({ amount, reason: 'Unused plan', override_reason: '' });

  it('accepts anything from a cent up to what is refundable, in cents', () => {
    expect(['0.01', '12.5', '25', '25.00'].map((amount) => check(amount).success)).toEqual([true, true, true, true]);
  });

  it('refuses more than refundable, nothing, negatives and a third decimal', () => {
    expect(['25.01', '0', '0.00', '-1', '1.005', 'ten', ''].map((amount) => check(amount).success)).toEqual(
      Array(7).fill(false),
    );
    expect(check('25.01').error?.issues[0]?.message).toBe('At most $25.00 can be refunded.');
  });
});

describe('RefundModal', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('proposes the full refundable amount and checks the amount and reason first', async () => {
    const fetch = mockFetch(withProfile(() => json(202, {})));
    const user = userEvent.setup();
    renderWithProviders(<RefundModal payment={PAYMENT} onClose={vi.fn()} />);
    expect(screen.getByRole('textbox', { name: 'Amount (USD)' })).toHaveValue('25.00');
    expect(screen.getByRole('textbox', { name: 'Amount (USD)' })).toHaveFocus();

    await submit(user, '30', '');
    expect(await screen.findByText('At most $25.00 can be refunded.')).toBeInTheDocument();
    expect(screen.getByText('Say why in at least 3 characters.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Amount (USD)' })).toHaveAttribute('aria-invalid', 'true');
    expect(refundCalls(fetch)).toHaveLength(0);
  });

  it('requests the refund and closes', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(
      withProfile(() => json(202, { transaction_id: 'TXN-2026-000010', amount: '10.00', currency: 'USD' })),
    );
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<RefundModal payment={PAYMENT} onClose={onClose} />);
    await submit(user, '10', 'Plan not used');
    expect(await screen.findByText('Refund TXN-2026-000010 of $10.00 was requested.')).toBeInTheDocument();
    expect(onClose).toHaveBeenCalled();
    const [[, init]] = refundCalls(fetch) as [[string, RequestInit]];
    expect(JSON.parse(String(init.body))).toEqual({ amount: '10', reason: 'Plan not used', override_reason: '' });
    expect(new Headers(init.headers).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks for an override reason when the API says the eSIM was activated, and sends it', async () => {
    tokens.save('access', 'refresh', false);
    let calls = 0;
    const fetch = mockFetch(
      withProfile(() =>
        ++calls === 1
          ? envelope(409, 'refund_not_eligible', 'This eSIM was activated; refunding it needs an override with a reason.')
          : json(202, { transaction_id: 'TXN-2026-000011', amount: '25.00', currency: 'USD' }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<RefundModal payment={PAYMENT} onClose={vi.fn()} />);
    await submit(user, '25', 'Never worked');
    expect(await screen.findByRole('alert')).toHaveTextContent('needs an override with a reason');
    await user.click(screen.getByRole('button', { name: 'Request refund' }));
    expect(await screen.findByText('Say why this refund overrides the rule.')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Override reason' }), 'Carrier outage');
    await user.click(screen.getByRole('button', { name: 'Request refund' }));
    expect(await screen.findByText('Refund TXN-2026-000011 of $25.00 was requested.')).toBeInTheDocument();
    const [first, second] = refundCalls(fetch) as [string, RequestInit][];
    expect(JSON.parse(String(second![1].body)).override_reason).toBe('Carrier outage');
    // A different body is a different request: a new key.
    expect(new Headers(second![1].headers).get('Idempotency-Key')).not.toBe(new Headers(first![1].headers).get('Idempotency-Key'));
  });

  it("shows the API's message when it refuses", async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(
      withProfile(() =>
        envelope(422, 'refund_exceeds_refundable', 'At most 5.00 USD can still be refunded.', [
          { field: 'body.amount', message: 'must be between 0.01 and 5.00' },
        ]),
      ),
    );
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<RefundModal payment={PAYMENT} onClose={onClose} />);
    await submit(user, '20', 'Plan not used');
    expect(await screen.findByRole('alert')).toHaveTextContent('At most 5.00 USD can still be refunded.');
    expect(screen.getByText('Must be between 0.01 and 5.00.')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
