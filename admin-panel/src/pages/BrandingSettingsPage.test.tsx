import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { SETTINGS } from '@/test/settings';
import BrandingSettingsPage from './BrandingSettingsPage';

const PUBLIC = { values: { 'branding.primary_color': '#1f6feb', 'general.company_name': 'simdesk' }, logo_url: null };

describe('BrandingSettingsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
    document.documentElement.removeAttribute('style');
    delete document.documentElement.dataset.brand;
  });

  it('previews the colour on the whole panel as it is picked, and puts the saved one back on leaving', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(withProfile((url) => json(200, url === '/api/settings/public/' ? PUBLIC : SETTINGS), ['settings:read', 'settings:write']));
    const view = renderWithProviders(<BrandingSettingsPage />, { path: '/settings/branding' });
    const picker = await screen.findByLabelText('Primary colour');
    fireEvent.input(picker, { target: { value: '#ff0000' } });
    expect(document.documentElement.style.getPropertyValue('--brand')).toBe('#ff0000');
    expect(document.documentElement.dataset.brand).toBe('');
    view.unmount();
    expect(document.documentElement.style.getPropertyValue('--brand')).toBe('#1f6feb');
  });

  it('uploads a logo as a file, and refuses what is not an image', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(
      withProfile((url) => {
        if (url === '/api/settings/branding/logo/') return json(201, { id: 8, url: '/api/files/8/' });
        return json(200, url === '/api/settings/public/' ? PUBLIC : SETTINGS);
      }, ['settings:read', 'settings:write']),
    );
    const user = userEvent.setup({ applyAccept: false });
    renderWithProviders(<BrandingSettingsPage />, { path: '/settings/branding' });
    const input = await screen.findByLabelText('New logo');
    await user.upload(input, new File(['%PDF'], 'brochure.pdf', { type: 'application/pdf' }));
    expect(await screen.findByText('Choose a PNG, JPEG, WEBP or GIF image.')).toBeInTheDocument();
    await user.upload(input, new File(['png'], 'logo.png', { type: 'image/png' }));
    await user.click(screen.getByRole('button', { name: 'Upload logo' }));
    expect(await screen.findByText('Logo uploaded.')).toBeInTheDocument();
    const [[, init]] = fetch.mock.calls.filter(([url]) => url === '/api/settings/branding/logo/') as [[string, RequestInit]];
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
  });
});
