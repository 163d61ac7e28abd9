import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { ApiKeyRead } from '@/api/types';
import { json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import ApiSettingsPage from './ApiSettingsPage';

const KEY: ApiKeyRead = {
  id: 3,
  name: 'Shop integration',
  prefix: 'sd_live_ab12',
  scopes: ['orders:read'],
  account_id: 1,
  status: 'active',
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
  created_at: '2026-05-01T10:00:00Z',
};
const PAGE = { items: [KEY], total: 1, total_exact: true, page: 1, page_size: 25, has_more: false };
const PERMISSIONS = ['api_keys:manage', 'orders:read', 'orders:create'];

function renderPage() {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(
    withProfile((url, init) => {
      if (url === '/api/settings/api-keys/' && init.method === 'POST') {
        return json(201, { ...KEY, id: 4, name: 'Warehouse', scopes: ['orders:read'], key: 'sd_live_cd34_secret' });
      }
      if (url === '/api/settings/api-keys/3/revoke/') return json(200, { ...KEY, status: 'revoked' });
      return json(200, PAGE);
    }, PERMISSIONS),
  );
  renderWithProviders(<ApiSettingsPage />, { path: '/settings/api' });
  return fetch;
}

describe('ApiSettingsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('creates a key with some of your permissions and shows it once, with a copy button', async () => {
    const fetch = renderPage();
    const user = userEvent.setup();
    // After setup: user-event puts its own clipboard stub in place.
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    expect(await screen.findByText('Shop integration')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Create API key' });
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await within(dialog).findByText('Name the key, e.g. after the integration using it.')).toBeInTheDocument();
    expect(within(dialog).getByText('Choose at least one permission.')).toBeInTheDocument();
    // Only the user's own permissions are offered as scopes.
    expect(within(dialog).getAllByRole('checkbox', { name: /:/ }).map((box) => box.closest('label')?.textContent)).toEqual([
      'api_keys:manage',
      'orders:create',
      'orders:read',
    ]);
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Warehouse');
    await user.click(within(dialog).getByRole('checkbox', { name: /orders:read/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));

    const shown = await screen.findByRole('dialog', { name: 'API key “Warehouse” created' });
    expect(within(shown).getByRole('textbox', { name: 'Key' })).toHaveValue('sd_live_cd34_secret');
    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('sd_live_cd34_secret');
    expect(await within(shown).findByText('Copied to the clipboard.')).toBeInTheDocument();
    const [[, init]] = fetch.mock.calls.filter(([url, i]) => url === '/api/settings/api-keys/' && i?.method === 'POST') as [
      [string, RequestInit],
    ];
    expect(JSON.parse(String(init.body))).toEqual({ name: 'Warehouse', scopes: ['orders:read'], expires_at: null });
    await user.click(within(shown).getByRole('button', { name: 'I have stored the key' }));
    expect(screen.queryByText('sd_live_cd34_secret')).not.toBeInTheDocument();
  });

  it('revokes an active key after confirming', async () => {
    const fetch = renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke Shop integration' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Revoke “Shop integration”?' })).getByRole('button', { name: 'Revoke key' }));
    expect(await screen.findByText('API key “Shop integration” revoked.')).toBeInTheDocument();
    expect(fetch.mock.calls.filter(([url]) => url === '/api/settings/api-keys/3/revoke/')).toHaveLength(1);
  });
});
