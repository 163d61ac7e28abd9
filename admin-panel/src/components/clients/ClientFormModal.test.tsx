import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientRead } from '@/api/types';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { ClientFormModal } from './ClientFormModal';

const PATH = '/api/clients/7/';
const CLIENT: ClientRead = {
  id: 7,
  reseller_id: 3,
  client_name: 'Grace Hopper',
  client_email: 'grace@example.org',
  client_phone: '+14155550123',
  plan_id: null,
  monthly_limit: 10,
  current_usage: 2,
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
};

function patchCalls(fetch: ReturnType<typeof mockFetch>) {
  return fetch.mock.calls.filter(([url, init]) => String(url) === PATH && init?.method === 'PATCH');
}

describe('ClientFormModal, editing', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('sends only the changed fields and closes', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(withProfile(() => json(200, { ...CLIENT, monthly_limit: 25 })));
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ClientFormModal client={CLIENT} onClose={onClose} />);
    expect(screen.queryByRole('textbox', { name: /Email/ })).not.toBeInTheDocument();
    const limit = screen.getByRole('textbox', { name: /Monthly limit/ });
    await user.clear(limit);
    await user.type(limit, '25');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Grace Hopper was updated.')).toBeInTheDocument();
    expect(onClose).toHaveBeenCalled();
    const [[, init]] = patchCalls(fetch) as [[string, RequestInit]];
    expect(JSON.parse(String(init.body))).toEqual({ monthly_limit: 25 });
  });

  it("shows the API's field errors under their fields", async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(
      withProfile(() =>
        envelope(422, 'validation_error', 'Some fields are invalid.', [
          { field: 'body.plan_id', message: 'no such plan' },
        ]),
      ),
    );
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ClientFormModal client={CLIENT} onClose={onClose} />);
    await user.type(screen.getByRole('textbox', { name: /Plan ID/ }), '99');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('No such plan.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Plan ID/ })).toHaveAttribute('aria-invalid', 'true');
    expect(onClose).not.toHaveBeenCalled();
  });
});
