import type { SettingRead, SettingsByGroup } from '@/api/types';

/** A setting as GET /api/settings/ answers it. */
export function setting(key: string, type: string, value: unknown, overrides: Partial<SettingRead> = {}): SettingRead {
  return {
    key,
    name: key.split('.')[1] ?? key,
    type,
    value: value as SettingRead['value'],
    default: value as SettingRead['default'],
    is_default: true,
    description: `About ${key}`,
    is_public: false,
    writable: true,
    updated_at: null,
    updated_by_id: null,
    ...overrides,
  };
}

export const SETTINGS: SettingsByGroup = {
  general: [
    setting('general.company_name', 'string', 'simdesk'),
    setting('general.support_email', 'string', 'support@example.com'),
    setting('general.support_phone', 'string', null),
    setting('general.timezone', 'string', 'UTC'),
  ],
  pricing: [
    setting('pricing.tax_rate', 'number', 0),
    setting('pricing.delivery_fee', 'number', 4.5),
    setting('pricing.service_charge', 'number', 0),
  ],
  notifications: [
    setting('notifications.email_enabled', 'boolean', true),
    setting('notifications.sms_enabled', 'boolean', true),
    setting('notifications.order_updates', 'boolean', true),
    setting('notifications.low_stock_alerts', 'boolean', false),
  ],
  branding: [
    setting('branding.primary_color', 'string', '#1f6feb'),
    setting('branding.logo_file_id', 'number', null, { writable: false }),
  ],
  inventory: [setting('inventory.low_stock_thresholds', 'json', {})],
};
