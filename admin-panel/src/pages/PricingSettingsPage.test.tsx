import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { SETTINGS } from '@/test/settings';
import PricingSettingsPage from './PricingSettingsPage';

const PATCH = '/api/settings/pricing/';
const patches = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.filter(([url]) => url === PATCH).map(([, init]) => JSON.parse(String(init?.body)) as unknown);

describe('PricingSettingsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('checks the values as the API does and sends only what changed', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(
      withProfile((url) => json(200, url === PATCH ? SETTINGS.pricing : SETTINGS), ['settings:read', 'settings:write']),
    );
    const user = userEvent.setup();
    renderWithProviders(<PricingSettingsPage />, { path: '/settings/pricing' });
    const tax = await screen.findByRole('textbox', { name: 'Tax rate (%)' });
    expect(screen.getByRole('textbox', { name: 'Delivery fee' })).toHaveValue('4.5');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();

    await user.clear(tax);
    await user.type(tax, '120');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Use 100 or less.')).toBeInTheDocument();
    await user.clear(tax);
    await user.type(tax, '7.1234');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Use a percentage like 7.5, with at most 3 decimals.')).toBeInTheDocument();
    expect(patches(fetch)).toEqual([]);

    await user.clear(tax);
    await user.type(tax, '7.5');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    expect(patches(fetch)).toEqual([{ tax_rate: 7.5 }]);
  });

  it('shows the API field errors under their fields', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(
      withProfile(
        (url) =>
          url === PATCH
            ? envelope(422, 'validation_error', 'Some settings are not valid; nothing was changed.', [
                { field: 'body.service_charge', message: 'must be at most 500 today' },
              ])
            : json(200, SETTINGS),
        ['settings:read', 'settings:write'],
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<PricingSettingsPage />, { path: '/settings/pricing' });
    const charge = await screen.findByRole('textbox', { name: 'Service charge' });
    await user.clear(charge);
    await user.type(charge, '600');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Must be at most 500 today.')).toBeInTheDocument();
    expect(charge).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the values read-only without settings:write, and the failure with a retry', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(withProfile(() => json(200, SETTINGS), ['settings:read']));
    const view = renderWithProviders(<PricingSettingsPage />, { path: '/settings/pricing' });
    expect(await screen.findByRole('textbox', { name: 'Tax rate (%)' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    view.unmount();
    vi.unstubAllGlobals();

    mockFetch(withProfile(() => envelope(500, 'internal', 'The server could not answer.'), ['settings:read']));
    renderWithProviders(<PricingSettingsPage />, { path: '/settings/pricing' });
    expect(await screen.findByText(/The server could not answer/)).toBeInTheDocument();
  });
});
