/**
 * The system settings' rules as services/settings.py checks them. Numbers are edited as text
 * (what people type), so the checks are on the text; the API stays the judge and its field
 * errors land under the same fields.
 */
import { z } from 'zod';
import type { SettingsGroup } from '@/services/settings';

const money = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, 'Use an amount like 4.99.')
  .refine((value) => Number(value) <= 1000, 'Use 1000 or less.');

const percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,3})?$/, 'Use a percentage like 7.5, with at most 3 decimals.')
  .refine((value) => Number(value) <= 100, 'Use 100 or less.');

const phone = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\+[1-9]\d{6,14}$/.test(value.replace(/[\s()-]/g, '')), {
    message: 'Use the international format, e.g. +14155550123, or leave it empty.',
  });

export const SETTINGS_SCHEMAS = {
  general: z.object({
    company_name: z.string().trim().min(1, 'Enter a name.').max(200, 'Use at most 200 characters.'),
    support_email: z.string().trim().email('Enter a valid email address.'),
    support_phone: phone,
    timezone: z.string().trim().min(1, 'Enter a time zone, e.g. Europe/Lisbon.'),
  }),
  pricing: z.object({ tax_rate: percent, delivery_fee: money, service_charge: money }),
  notifications: z.object({
    email_enabled: z.boolean(),
    sms_enabled: z.boolean(),
    order_updates: z.boolean(),
    low_stock_alerts: z.boolean(),
  }),
  branding: z.object({
    primary_color: z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1f6feb.'),
  }),
} satisfies Partial<Record<SettingsGroup, z.ZodObject>>;

export type EditableGroup = keyof typeof SETTINGS_SCHEMAS;
