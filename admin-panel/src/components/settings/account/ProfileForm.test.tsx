import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { Profile } from '@/api/types';
import { envelope, mockFetch } from '@/test/http';
import { renderWithProviders } from '@/test/render';
import { ProfileForm } from './ProfileForm';

const USER: Profile = {
  id: 1, kind: 'staff', email: 'ada@example.org', username: 'ada', first_name: 'Ada', last_name: 'Lovelace',
  phone: null, role: 'admin', permissions: [], two_factor_enabled: false, two_factor_setup_required: false,
  must_change_password: false, preferences: {}, reseller_id: null, public_user_id: null, last_login_at: null,
  avatar_url: null,
};

describe('ProfileForm', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('puts a pydantic validation error ("body.phone") under the phone field', async () => {
    tokens.save('access', 'refresh', false);
    mockFetch(() =>
      envelope(422, 'validation_error', 'The request is not valid.', [
        { field: 'body.phone', message: 'Value error, is not a valid phone number', type: 'value_error' },
      ]),
    );
    const user = userEvent.setup();
    renderWithProviders(<ProfileForm user={USER} />);
    // Well-formed, so the form lets it through; the API knows no such number exists.
    await user.type(screen.getByLabelText('Phone'), '+19999999999');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Is not a valid phone number.')).toBeInTheDocument();
    expect(screen.getByLabelText('Phone')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
