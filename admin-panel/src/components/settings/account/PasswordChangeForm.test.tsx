import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { renderWithProviders } from '@/test/render';
import { PasswordChangeForm } from './PasswordChangeForm';

async function fill(user: ReturnType<typeof userEvent.setup>, current: string, next: string, confirm = next) {
  await user.type(screen.getByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await user.type(screen.getByLabelText('Confirm new password'), confirm);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('PasswordChangeForm', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('checks the API rules before sending anything', async () => {
    const fetch = mockFetch(() => json(204, null));
    const user = userEvent.setup();
    renderWithProviders(<PasswordChangeForm />);
    await fill(user, 'old secret here', 'short', 'other');
    expect(await screen.findByText('Use at least 10 characters.')).toBeInTheDocument();
    expect(screen.getByText('The passwords do not match.')).toBeInTheDocument();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows the API field errors under their fields when it disagrees', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(() =>
      envelope(422, 'weak_password', 'The new password is not strong enough.', [
        { field: 'new_password', message: 'Password is one of the most common passwords.' },
      ]),
    );
    const user = userEvent.setup();
    renderWithProviders(<PasswordChangeForm />);
    // Long enough and varied enough for the form, but on the API's common-password list.
    await fill(user, 'old secret here', 'password123');
    expect(await screen.findByText('Password is one of the most common passwords.')).toBeInTheDocument();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('New password')).toHaveFocus();
    const changes = fetch.mock.calls.filter(([url]) => url === '/api/auth/password/change/');
    expect(changes).toHaveLength(1);
    const [, init] = changes[0]!;
    expect(JSON.parse(String(init!.body))).toEqual({ current_password: 'old secret here', new_password: 'password123' });
  });

  it('shows a wrong current password under that field', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(() =>
      envelope(422, 'wrong_password', 'The current password is incorrect.', [
        { field: 'current_password', message: 'Incorrect password.' },
      ]),
    );
    const user = userEvent.setup();
    renderWithProviders(<PasswordChangeForm />);
    await fill(user, 'not my password', 'a brand new secret');
    await waitFor(() => expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('Incorrect password.')).toBeInTheDocument();
  });

  it('shows a server failure with its request id, not a blank form', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(() => envelope(500, 'internal_error', 'Something went wrong on our side.', null, 'req-777'));
    const user = userEvent.setup();
    renderWithProviders(<PasswordChangeForm />);
    await fill(user, 'old secret here', 'a brand new secret');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    expect(alert).toHaveTextContent('req-777');
  });
});
