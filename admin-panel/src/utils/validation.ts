/**
 * Form rules that mirror the API's (api/schemas/*.py, core/passwords.py). They catch the common
 * mistakes before a round trip; the API stays the judge, and its field errors are shown under
 * the same fields when it disagrees (a common password, a number that is not real…).
 */
import { z } from 'zod';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const newPassword = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((value) => new Set(value).size >= 4, 'Use more than three different characters.');

const email = z.string().trim().min(1, 'Enter an email address.').email('Enter a valid email address.');

/** E.164 as the API stores it; the API also checks that the number really exists. */
const phone = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\+[1-9]\d{6,14}$/.test(value.replace(/[\s()-]/g, '')), {
    message: 'Use the international format, e.g. +14155550123.',
  });

export const loginSchema = z.object({
  login: z.string().trim().min(1, 'Enter your email or username.').max(254),
  password: z.string().min(1, 'Enter your password.').max(256),
  remember_me: z.boolean(),
});

export const twoFactorCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(6, 'Enter the 6-digit code or a recovery code.')
    .max(20, 'That code is too long.'),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ new_password: newPassword, confirm_password: z.string() })
  .refine((values) => values.new_password === values.confirm_password, {
    path: ['confirm_password'],
    message: 'The passwords do not match.',
  });

export const changePasswordSchema = z
  .object({
    current_password: z.string().min(1, 'Enter your current password.').max(256),
    new_password: newPassword,
    confirm_password: z.string(),
  })
  .refine((values) => values.new_password === values.confirm_password, {
    path: ['confirm_password'],
    message: 'The passwords do not match.',
  })
  .refine((values) => values.new_password !== values.current_password, {
    path: ['new_password'],
    message: 'Choose a password different from the current one.',
  });

export const profileSchema = z.object({
  first_name: z.string().trim().max(100, 'Use at most 100 characters.'),
  last_name: z.string().trim().max(100, 'Use at most 100 characters.'),
  phone,
});

export const preferencesSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  page_size: z.coerce
    .number<string | number>()
    .int('Use a whole number.')
    .min(10, 'Use 10 or more.')
    .max(100, 'Use 100 or fewer.'),
});

export const enableTwoFactorSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your app.'),
});

export const disableTwoFactorSchema = z.object({
  password: z.string().min(1, 'Enter your password.').max(256),
  code: z.string().trim().min(6, 'Enter a 6-digit code or a recovery code.').max(20),
});

const firstName = z.string().trim().min(1, 'Enter a first name.').max(100, 'Use at most 100 characters.');
const lastName = z.string().trim().max(100, 'Use at most 100 characters.');

export const staffCreateSchema = z.object({
  email,
  first_name: firstName,
  last_name: lastName,
  role: z.string().min(1, 'Choose a role.'),
  username: z
    .string()
    .trim()
    .refine((value) => value === '' || /^[A-Za-z0-9_.-]{3,150}$/.test(value), {
      message: '3–150 letters, digits, dots, dashes or underscores.',
    }),
  phone,
  /** Empty: the person is emailed a link to set their own password. */
  password: z.union([z.literal(''), newPassword]),
});

/** What PATCH /api/admin/staff/{id}/ accepts (the email and username stay as they are). */
export const staffUpdateSchema = staffCreateSchema.pick({
  first_name: true,
  last_name: true,
  phone: true,
  role: true,
});

export const roleCreateSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{2,49}$/, '3–50 lowercase letters, digits or underscores, starting with a letter.'),
  description: z.string().max(500, 'Use at most 500 characters.'),
  applies_to: z.enum(['staff', 'reseller', 'public']),
});

export type LoginValues = z.infer<typeof loginSchema>;
export type ProfileValues = z.infer<typeof profileSchema>;
export type StaffCreateValues = z.infer<typeof staffCreateSchema>;
export type StaffUpdateValues = z.infer<typeof staffUpdateSchema>;
export type RoleCreateValues = z.infer<typeof roleCreateSchema>;

/** `+1 (415) 555-0123` → `+14155550123`; empty → null (the API's "no phone"). */
export function normalisePhone(value: string): string | null {
  const compact = value.replace(/[\s()-]/g, '');
  return compact === '' ? null : compact;
}
