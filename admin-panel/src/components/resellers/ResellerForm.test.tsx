import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { ResellerDetail } from '@/api/types';
import { envelope, json, mockFetch } from '@/test/http';
import { renderWithProviders } from '@/test/render';
import { ResellerForm } from './ResellerForm';

const RESELLER: ResellerDetail = {
  id: 7, business_name: 'Nimbus Mobile', contact_person: 'Rita Moreno', email: 'sales@nimbus.example',
  phone: '+14155550142', address: '1 Main St', city: 'Austin', state: 'TX', country: 'US', status: 'active',
  status_reason: '', credit_limit: '5000.00', current_balance: '0.00', commission_rate: '7.50', currency: 'USD',
  created_at: '2026-01-02T10:00:00Z', updated_at: '2026-01-02T10:00:00Z', revenue_total: '0.00',
  orders_count: 0, open_orders_count: 0, clients_count: 0, available_credit: '5000.00',
  onboarding_status: null, credit_limit_reached_at: null,
};

function setup(reseller?: ResellerDetail) {
  const onSaved = vi.fn();
  renderWithProviders(<ResellerForm reseller={reseller} onSaved={onSaved} onCancel={vi.fn()} />);
  return { onSaved, user: userEvent.setup() };
}

async function fillRequired(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/Business name/), 'Nimbus Mobile');
  await user.type(screen.getByLabelText(/Contact person/), 'Rita Moreno');
  await user.type(screen.getByLabelText(/^Email/), 'sales@nimbus.example');
  await user.type(screen.getByLabelText(/^Phone/), '+1 (415) 555-0142');
  await user.type(screen.getByLabelText(/^City/), 'Austin');
  await user.type(screen.getByLabelText(/^Country/), 'US');
}

describe('ResellerForm', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('checks the API rules before sending anything', async () => {
    const fetch = mockFetch(() => json(500, {}));
    const { user } = setup();
    await user.clear(screen.getByLabelText(/Credit limit/));
    await user.type(screen.getByLabelText(/Credit limit/), '12.345');
    await user.clear(screen.getByLabelText(/Commission/));
    await user.type(screen.getByLabelText(/Commission/), '120');
    await user.clear(screen.getByLabelText(/Currency/));
    await user.type(screen.getByLabelText(/Currency/), 'us');
    await user.click(screen.getByRole('button', { name: 'Add reseller' }));

    expect(await screen.findByText('Enter an email address.')).toBeInTheDocument();
    expect(screen.getByText('Enter a phone number.')).toBeInTheDocument();
    expect(screen.getByText('Enter a city.')).toBeInTheDocument();
    expect(screen.getByText('Enter a country.')).toBeInTheDocument();
    expect(screen.getByText('Use an amount like 2500 or 2500.50.')).toBeInTheDocument();
    expect(screen.getByText('Use 100 or less.')).toBeInTheDocument();
    expect(screen.getByText('Use a three-letter code such as USD.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Business name/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByText('Use at least 2 characters.')).toHaveLength(2);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows the API field errors under their fields', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch((url) =>
      url.startsWith('/api/resellers/')
        ? envelope(409, 'duplicate_email', 'Another reseller already uses this email.', [
            { field: 'body.email', message: 'already in use' },
            { field: 'body.phone', message: 'Value error, is not a valid phone number', type: 'value_error' },
          ])
        : envelope(401, 'not_authenticated', 'Log in.'),
    );
    const { user, onSaved } = setup();
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Add reseller' }));

    expect(await screen.findByText('Already in use.')).toBeInTheDocument();
    expect(screen.getByText('Is not a valid phone number.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Email/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Email/)).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
    const [, init] = fetch.mock.calls.find(([url]) => String(url) === '/api/resellers/')!;
    expect(JSON.parse(String(init?.body))).toMatchObject({ phone: '+14155550142', credit_limit: '0', currency: 'USD' });
  });

  it('says what went wrong when the refusal names no field', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(() => envelope(500, 'internal_error', 'Something broke.', null, 'req-77'));
    const { user } = setup();
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Add reseller' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Something broke. (Request id req-77.)');
  });

  it('replaces an existing reseller with PUT, filled with its values', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch((url, init) =>
      url === '/api/resellers/7/' && init.method === 'PUT'
        ? json(200, { ...RESELLER, ...JSON.parse(String(init.body)) })
        : envelope(401, 'not_authenticated', 'Log in.'),
    );
    const { user, onSaved } = setup(RESELLER);
    expect(screen.getByLabelText(/Commission/)).toHaveValue('7.50');
    await user.clear(screen.getByLabelText(/Credit limit/));
    await user.type(screen.getByLabelText(/Credit limit/), '7500');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(onSaved.mock.calls[0]?.[0]).toMatchObject({ id: 7, credit_limit: '7500' });
    const [, init] = fetch.mock.calls.find(([url]) => String(url) === '/api/resellers/7/')!;
    expect(JSON.parse(String(init?.body))).toEqual({
      business_name: 'Nimbus Mobile', contact_person: 'Rita Moreno', email: 'sales@nimbus.example',
      phone: '+14155550142', address: '1 Main St', city: 'Austin', state: 'TX', country: 'US',
      credit_limit: '7500', commission_rate: '7.50', currency: 'USD',
    });
  });
});
