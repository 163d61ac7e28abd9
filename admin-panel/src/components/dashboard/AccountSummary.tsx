import { Link } from 'react-router';
import type { Profile } from '@/api/types';
import { Fact } from '@/components/common/FactList/FactList';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { formatDateTime, fullName, humanize, initials } from '@/utils/format';
import { cardClass, cx } from '@/utils/styles';

/** Who is signed in, with the account facts worth acting on (2FA, password). */
export function AccountSummary({ user }: { user: Profile }) {
  return (
    <section aria-labelledby="account-summary" className={cx(cardClass, 'p-5 sm:p-6')}>
      <div className="flex flex-col gap-5 sm:flex-row sm:items-center">
        <span
          aria-hidden="true"
          className="flex size-14 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-lg font-semibold text-white"
        >
          {initials(user)}
        </span>
        <div className="min-w-0 flex-1">
          <h2 id="account-summary" className="truncate text-lg font-semibold text-slate-900 dark:text-white">
            {fullName(user)}
          </h2>
          <p className="truncate text-sm text-slate-500 dark:text-slate-400">{user.email}</p>
        </div>
        <Link
          to="/settings"
          className="inline-flex h-9 items-center justify-center rounded-lg border border-slate-300 px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          Manage account
        </Link>
      </div>
      <dl className="mt-6 grid grid-cols-2 gap-x-6 gap-y-4 border-t border-slate-100 pt-5 lg:grid-cols-4 dark:border-slate-800">
        <Fact label="Role">{humanize(user.role)}</Fact>
        <Fact label="Permissions">{user.permissions.length}</Fact>
        <Fact label="Two-factor">
          {user.two_factor_enabled ? (
            <StatusBadge tone="success">On</StatusBadge>
          ) : (
            <StatusBadge tone="warning">Off</StatusBadge>
          )}
        </Fact>
        <Fact label="Last login">{formatDateTime(user.last_login_at)}</Fact>
      </dl>
    </section>
  );
}
