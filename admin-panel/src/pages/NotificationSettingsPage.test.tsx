import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { TemplateRead } from '@/api/types';
import { json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { SETTINGS } from '@/test/settings';
import NotificationSettingsPage from './NotificationSettingsPage';

const RESET: TemplateRead = {
  channel: 'email',
  name: 'password_reset',
  variables: ['first_name', 'reset_link'],
  required_variables: ['reset_link'],
  subject: 'Reset your password',
  body: 'Hi {{ first_name }}, open {{ reset_link }}.',
  overridden: true,
  default: { subject: 'Reset your password', body: 'Hello {{ first_name }}: {{ reset_link }}' },
};
const CODE: TemplateRead = {
  channel: 'sms',
  name: 'phone_code',
  variables: ['code'],
  required_variables: ['code'],
  subject: '',
  body: 'Your code is {{ code }}',
  overridden: false,
  default: { subject: '', body: 'Your code is {{ code }}' },
};
const BASE = '/api/settings/notification-templates/email/password_reset/';

function renderPage(permissions = ['settings:read', 'settings:write']) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(
    withProfile((url, init) => {
      if (url === `${BASE}preview/`) return json(200, { subject: 'Reset your password', body: 'Hi Ada, open https://x.example.com/r/abc.' });
      if (url === BASE && init.method === 'DELETE') return json(204, null);
      if (url === BASE) return json(200, RESET);
      if (url === '/api/settings/notification-templates/') return json(200, [RESET, CODE]);
      return json(200, SETTINGS);
    }, permissions),
  );
  renderWithProviders(<NotificationSettingsPage />, { path: '/settings/notifications' });
  return fetch;
}

const sent = (fetch: ReturnType<typeof mockFetch>, url: string, method: string) =>
  fetch.mock.calls.filter(([u, init]) => u === url && init?.method === method).map(([, init]) => init?.body && JSON.parse(String(init.body)));

describe('NotificationSettingsPage', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('lists templates per channel and previews a draft through the API, listing its variables', async () => {
    const fetch = renderPage();
    const email = await screen.findByRole('list', { name: 'Email templates' });
    expect(within(email).getByText('Customised')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'SMS templates' })).getByText('Phone code')).toBeInTheDocument();
    // Notification preferences sit on the same page.
    expect(await screen.findByRole('checkbox', { name: /Low stock alerts/ })).not.toBeChecked();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit Password reset (Email)' }));
    const dialog = screen.getByRole('dialog', { name: 'Password reset · Email' });
    expect(within(dialog).getByRole('list', { name: 'Variables' })).toHaveTextContent('{{ first_name }}{{ reset_link }}required');
    const body = within(dialog).getByRole('textbox', { name: /Message/ });
    await user.clear(body);
    // Typed (`{{` types one brace) or inserted at the cursor from the list of variables.
    await user.type(body, '{{{{ first_name | title }}, open ');
    await user.click(within(dialog).getByRole('button', { name: 'Insert {{ reset_link }}' }));
    await user.type(body, ' soon.');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect(await within(dialog).findByText('Hi Ada, open https://x.example.com/r/abc.')).toBeInTheDocument();
    expect(sent(fetch, `${BASE}preview/`, 'POST')).toEqual([
      { subject: 'Reset your password', body: '{{ first_name | title }}, open {{ reset_link }} soon.' },
    ]);
  });

  it('keeps the required variables, saves an override and resets to the default', async () => {
    const fetch = renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Password reset (Email)' }));
    let dialog = screen.getByRole('dialog', { name: 'Password reset · Email' });
    const body = within(dialog).getByRole('textbox', { name: /Message/ });
    await user.clear(body);
    await user.type(body, 'Hi there.');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    expect(await within(dialog).findByText('Keep {{ reset_link }}: the message is useless without it.')).toBeInTheDocument();
    await user.type(body, ' {{% if reset_link %}{{{{ reset_link }}{{% endif %}');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    expect(await screen.findByText('Password reset (email) saved.')).toBeInTheDocument();
    expect(sent(fetch, BASE, 'PUT')).toEqual([
      { subject: 'Reset your password', body: 'Hi there. {% if reset_link %}{{ reset_link }}{% endif %}' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Edit Password reset (Email)' }));
    dialog = screen.getByRole('dialog', { name: 'Password reset · Email' });
    await user.click(within(dialog).getByRole('button', { name: 'Reset to default' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Reset to default' }));
    expect(await screen.findByText('Password reset (email) is back to the default text.')).toBeInTheDocument();
    expect(fetch.mock.calls.filter(([u, init]) => u === BASE && init?.method === 'DELETE')).toHaveLength(1);
  });

  it('lets readers view templates without editing them', async () => {
    renderPage(['settings:read']);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'View Password reset (Email)' }));
    const dialog = screen.getByRole('dialog', { name: 'Password reset · Email' });
    expect(within(dialog).getByRole('textbox', { name: /Message/ })).toHaveAttribute('readonly');
    expect(within(dialog).queryByRole('button', { name: 'Insert {{ reset_link }}' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Save template' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Reset to default' })).not.toBeInTheDocument();
  });
});
