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

/** Money as the API takes it: at most 12 digits, 2 of them after the point. */
const amount = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'Use an amount like 2500 or 2500.50.');

const requiredPhone = phone.refine((value) => value !== '', 'Enter a phone number.');

/** What POST and PUT /api/resellers/ accept (api/schemas/resellers.py). */
export const resellerSchema = z.object({
  business_name: z.string().trim().min(2, 'Use at least 2 characters.').max(200, 'Use at most 200 characters.'),
  contact_person: z.string().trim().min(2, 'Use at least 2 characters.').max(100, 'Use at most 100 characters.'),
  email,
  phone: requiredPhone,
  address: z.string().trim().max(1000, 'Use at most 1000 characters.'),
  city: z.string().trim().min(1, 'Enter a city.').max(100, 'Use at most 100 characters.'),
  state: z.string().trim().max(100, 'Use at most 100 characters.'),
  country: z.string().trim().min(2, 'Enter a country.').max(100, 'Use at most 100 characters.'),
  credit_limit: amount,
  commission_rate: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, 'Use a percentage like 7.5.')
    .refine((value) => Number(value) <= 100, 'Use 100 or less.'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter code such as USD.'),
});

/** POST /api/resellers/{id}/clients/. */
export const clientSchema = z.object({
  client_name: z.string().trim().min(2, 'Use at least 2 characters.').max(100, 'Use at most 100 characters.'),
  client_email: email,
  client_phone: requiredPhone,
  plan_id: z.string().trim().regex(/^\d*$/, 'Use a plan number.'),
  monthly_limit: z.coerce
    .number<string | number>()
    .int('Use a whole number.')
    .min(0, 'Use 0 or more.')
    .max(1_000_000, 'Use 1,000,000 or fewer.'),
});

/** PATCH /api/clients/{id}/: the email cannot be changed, so it is not checked. */
export const clientEditSchema = clientSchema.extend({ client_email: z.string() });

/** The reason every status change (suspend, block…) is recorded with. */
export const reasonSchema = z.object({
  reason: z.string().trim().min(3, 'Say why in at least 3 characters.').max(1000, 'Use at most 1000 characters.'),
});

export type LoginValues = z.infer<typeof loginSchema>;
export type ProfileValues = z.infer<typeof profileSchema>;
export type StaffCreateValues = z.infer<typeof staffCreateSchema>;
export type StaffUpdateValues = z.infer<typeof staffUpdateSchema>;
export type RoleCreateValues = z.infer<typeof roleCreateSchema>;
export type ResellerValues = z.infer<typeof resellerSchema>;
export type ClientValues = z.input<typeof clientSchema>;
export type ReasonValues = z.infer<typeof reasonSchema>;

/** `+1 (415) 555-0123` → `+14155550123`; empty → null (the API's "no phone"). */
export function normalisePhone(value: string): string | null {
  const compact = value.replace(/[\s()-]/g, '');
  return compact === '' ? null : compact;
}
