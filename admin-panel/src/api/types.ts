import type { components } from './schema';

type Schemas = components['schemas'];

export type Profile = Schemas['Profile'];
export type Tokens = Schemas['Tokens'];
export type TwoFactorRequired = Schemas['TwoFactorRequired'];
export type SessionRead = Schemas['SessionRead'];
export type TwoFactorEnrolment = Schemas['TwoFactorEnrolment'];
export type StaffRead = Schemas['StaffRead'];
export type StaffCreate = Schemas['StaffCreate'];
export type StaffUpdate = Schemas['StaffUpdate'];
export type RoleRead = Schemas['RoleRead'];
export type RoleCreate = Schemas['RoleCreate'];
export type RoleUpdate = Schemas['RoleUpdate'];
export type PermissionRead = Schemas['PermissionRead'];
export type ActivityLogRead = Schemas['ActivityLogRead'];
export type AuditLogRead = Schemas['AuditLogRead'];
export type AccountKind = Schemas['AccountKind'];
export type ThemePreference = 'light' | 'dark' | 'system';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}
