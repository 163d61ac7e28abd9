import { describe, expect, it } from 'vitest';
import {
  changePasswordSchema,
  normalisePhone,
  preferencesSchema,
  profileSchema,
  roleCreateSchema,
  staffCreateSchema,
} from './validation';

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
}

describe('form rules mirror the API', () => {
  it('new passwords: 10 to 128 characters, more than three different ones (core/passwords.py)', () => {
    const base = { current_password: 'old password', confirm_password: '' };
    const check = (new_password: string) =>
      messages(changePasswordSchema.safeParse({ ...base, new_password, confirm_password: new_password }));
    expect(check('short')).toEqual({ new_password: 'Use at least 10 characters.' });
    expect(check('abcd'.repeat(33)).new_password).toBe('Use at most 128 characters.');
    expect(check('abababababab')).toEqual({ new_password: 'Use more than three different characters.' });
    expect(check('plenty of letters')).toEqual({});
  });

  it('the confirmation must match, and the new password must differ', () => {
    expect(
      messages(
        changePasswordSchema.safeParse({
          current_password: 'same same same',
          new_password: 'same same same',
          confirm_password: 'different one',
        }),
      ),
    ).toEqual({
      confirm_password: 'The passwords do not match.',
      new_password: 'Choose a password different from the current one.',
    });
  });

  it('role names follow ^[a-z][a-z0-9_]{2,49}$ (api/schemas/admin.py)', () => {
    const check = (name: string) => roleCreateSchema.safeParse({ name, description: '', applies_to: 'staff' }).success;
    expect(['finance', 'ops_team_2', 'abc'].map(check)).toEqual([true, true, true]);
    expect(['Finance', '1ops', 'ab', 'a-b-c', 'x'.repeat(51)].map(check)).toEqual([false, false, false, false, false]);
  });

  it('staff: email, first name and role required; username and temporary password optional', () => {
    const valid = { email: 'kim@example.org', first_name: 'Kim', last_name: '', role: 'admin', username: '', phone: '', password: '' };
    expect(staffCreateSchema.safeParse(valid).success).toBe(true);
    expect(messages(staffCreateSchema.safeParse({ ...valid, email: 'nope', first_name: ' ', role: '' }))).toEqual({
      email: 'Enter a valid email address.',
      first_name: 'Enter a first name.',
      role: 'Choose a role.',
    });
    expect(staffCreateSchema.safeParse({ ...valid, username: 'ab' }).success).toBe(false);
    expect(staffCreateSchema.safeParse({ ...valid, username: 'kim.o-k_1' }).success).toBe(true);
    expect(staffCreateSchema.safeParse({ ...valid, password: 'short' }).success).toBe(false);
  });

  it('phones are international (E.164); the API checks that the number exists', () => {
    expect(profileSchema.safeParse({ first_name: '', last_name: '', phone: '+1 (415) 555-0123' }).success).toBe(true);
    expect(profileSchema.safeParse({ first_name: '', last_name: '', phone: '0415 555 0123' }).success).toBe(false);
    expect(normalisePhone('+1 (415) 555-0123')).toBe('+14155550123');
    expect(normalisePhone('  ')).toBeNull();
  });

  it('page size is 10 to 100 (Preferences.page_size)', () => {
    expect(preferencesSchema.safeParse({ theme: 'dark', page_size: '50' }).data).toEqual({ theme: 'dark', page_size: 50 });
    expect(preferencesSchema.safeParse({ theme: 'dark', page_size: 5 }).success).toBe(false);
    expect(preferencesSchema.safeParse({ theme: 'blue', page_size: 25 }).success).toBe(false);
  });
});
