import { Link } from 'react-router';
import { Icon, type IconName } from '@/components/common/Icon/Icon';
import { useAuth } from '@/hooks/useAuth';
import { cardClass, cx } from '@/utils/styles';

interface QuickLink {
  to: string;
  title: string;
  description: string;
  icon: IconName;
  permission: string;
}

const LINKS: QuickLink[] = [
  {
    to: '/settings/staff',
    title: 'Staff',
    description: 'Invite colleagues, change roles, deactivate accounts.',
    icon: 'users',
    permission: 'staff:read',
  },
  {
    to: '/settings/roles',
    title: 'Roles & permissions',
    description: 'Decide what each role may see and do.',
    icon: 'shield',
    permission: 'staff:read',
  },
  {
    to: '/logs/activity',
    title: 'Activity log',
    description: 'Logins, logouts and every change made through the API.',
    icon: 'activity',
    permission: 'logs:read',
  },
  {
    to: '/logs/audit',
    title: 'Audit log',
    description: 'Critical changes with their before and after values.',
    icon: 'clipboard',
    permission: 'logs:read',
  },
  {
    to: '/settings',
    title: 'My account',
    description: 'Profile, password, sessions and two-factor authentication.',
    icon: 'user',
    permission: 'authenticated',
  },
];

export function QuickLinks() {
  const { can } = useAuth();
  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
      {LINKS.filter((link) => can(link.permission)).map((link) => (
        <li key={link.to}>
          <Link
            to={link.to}
            className={cx(
              cardClass,
              'group flex h-full items-start gap-4 p-5 transition hover:border-indigo-300 hover:shadow-md dark:hover:border-indigo-500/50',
            )}
          >
            <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600 dark:bg-indigo-500/15 dark:text-indigo-300">
              <Icon name={link.icon} />
            </span>
            <span className="min-w-0">
              <span className="flex items-center gap-1 font-medium text-slate-900 dark:text-white">
                {link.title}
                <Icon name="chevronRight" className="size-4 text-slate-400 transition group-hover:translate-x-0.5" />
              </span>
              <span className="mt-1 block text-sm text-slate-500 dark:text-slate-400">{link.description}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
