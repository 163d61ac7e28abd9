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
export type ResellerRead = Schemas['ResellerRead'];
export type ResellerDetail = Schemas['ResellerDetail'];
export type ResellerCreate = Schemas['ResellerCreate'];
export type ResellerStatus = Schemas['ResellerStatus'];
export type ClientRead = Schemas['ClientRead'];
export type ClientCreate = Schemas['ClientCreate'];
export type ClientStatus = Schemas['ClientStatus'];
export type ClientUpdate = Schemas['ClientUpdate'];
export type PublicUserRead = Schemas['UserRead'];
export type PublicUserDetail = Schemas['UserDetail'];
export type PublicUserStatus = Schemas['PublicUserStatus'];
export type UserTransactionRead = Schemas['UserTransactionRead'];
export type TicketRead = Schemas['TicketRead'];
export type OrderRead = Schemas['OrderRead'];
export type OrderDetail = Schemas['OrderDetail'];
export type OrderStatus = Schemas['OrderStatus'];
export type OrderSource = Schemas['OrderSource'];
export type PaymentStatus = Schemas['PaymentStatus'];
export type OrderHistoryRead = Schemas['HistoryRead'];
export type StatusChangeSource = Schemas['StatusChangeSource'];
export type BulkOutcome = Schemas['BulkOutcome'];
export type TransactionRead = Schemas['TransactionRead'];
export type TransactionDetail = Schemas['TransactionDetail'];
export type TransactionType = Schemas['TransactionType'];
export type TransactionStatus = Schemas['TransactionStatus'];
export type ThemePreference = 'light' | 'dark' | 'system';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}
