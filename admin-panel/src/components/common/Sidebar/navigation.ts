import type { IconName } from '@/components/common/Icon/Icon';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  /** Shown only to users holding it (`authenticated`: everyone signed in). */
  permission: string;
}

export interface NavSection {
  title?: string;
  items: NavItem[];
}

/**
 * Only screens backed by a real API are listed. Resellers, clients, users, orders,
 * transactions, reports and the other settings pages join when their endpoints exist.
 */
export const NAVIGATION: NavSection[] = [
  { items: [{ to: '/dashboard', label: 'Dashboard', icon: 'home', permission: 'authenticated' }] },
  {
    title: 'Customers',
    items: [
      { to: '/resellers', label: 'Resellers', icon: 'store', permission: 'resellers:read' },
      { to: '/clients', label: 'Clients', icon: 'users', permission: 'clients:read' },
      { to: '/users', label: 'App users', icon: 'phone', permission: 'users:read' },
    ],
  },
  {
    title: 'Sales',
    items: [
      { to: '/orders', label: 'Orders', icon: 'box', permission: 'orders:read' },
      { to: '/transactions', label: 'Transactions', icon: 'card', permission: 'transactions:read' },
      { to: '/reports', label: 'Reports', icon: 'activity', permission: 'reports:read' },
      { to: '/reports/schedules', label: 'Scheduled reports', icon: 'clipboard', permission: 'reports:manage' },
      { to: '/plans', label: 'Plans', icon: 'phone', permission: 'catalog:read' },
    ],
  },
  {
    title: 'Support',
    items: [
      { to: '/support/tickets', label: 'Support tickets', icon: 'mail', permission: 'support:read' },
      { to: '/emails', label: 'Custom emails', icon: 'mail', permission: 'emails:send' },
    ],
  },
  {
    title: 'Logs',
    items: [
      { to: '/logs/activity', label: 'Activity log', icon: 'activity', permission: 'logs:read' },
      { to: '/logs/audit', label: 'Audit log', icon: 'clipboard', permission: 'logs:read' },
    ],
  },
  {
    title: 'Settings',
    items: [
      { to: '/settings', label: 'My account', icon: 'user', permission: 'authenticated' },
      { to: '/settings/pricing', label: 'Pricing', icon: 'card', permission: 'settings:read' },
      { to: '/settings/notifications', label: 'Notifications', icon: 'mail', permission: 'settings:read' },
      { to: '/settings/api', label: 'API keys', icon: 'key', permission: 'api_keys:manage' },
      { to: '/settings/webhooks', label: 'Webhooks', icon: 'activity', permission: 'api_keys:manage' },
      { to: '/settings/branding', label: 'Branding', icon: 'settings', permission: 'settings:read' },
      { to: '/settings/staff', label: 'Staff', icon: 'users', permission: 'staff:read' },
      { to: '/settings/roles', label: 'Roles & permissions', icon: 'shield', permission: 'staff:read' },
    ],
  },
];

/** Breadcrumb labels by path; a path missing here is shown as text, not a link. */
export const CRUMBS: Record<string, string> = {
  '/dashboard': 'Dashboard',
  '/resellers': 'Resellers',
  '/resellers/add': 'Add reseller',
  '/clients': 'Clients',
  '/users': 'App users',
  '/orders': 'Orders',
  '/plans': 'Plans',
  '/transactions': 'Transactions',
  '/reports': 'Reports',
  '/reports/custom': 'New report',
  '/reports/schedules': 'Scheduled reports',
  '/support': 'Support',
  '/support/tickets': 'Support tickets',
  '/emails': 'Custom emails',
  '/emails/new': 'Compose',
  '/logs': 'Logs',
  '/logs/activity': 'Activity log',
  '/logs/audit': 'Audit log',
  '/settings': 'Settings',
  '/settings/pricing': 'Pricing',
  '/settings/notifications': 'Notifications',
  '/settings/api': 'API keys',
  '/settings/webhooks': 'Webhooks',
  '/settings/branding': 'Branding',
  '/settings/staff': 'Staff',
  '/settings/roles': 'Roles & permissions',
};

/** Crumbs that are section names, not pages. */
export const SECTION_ONLY = new Set(['/logs', '/support']);
