import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/common/EmptyState/EmptyState';
import { useAuth } from '@/hooks/useAuth';

/** Shows the page only to users holding `permission`; others get a plain explanation. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  if (can(permission)) return <>{children}</>;
  return (
    <EmptyState
      icon="lock"
      title="You do not have access to this page"
      description={`It needs the "${permission}" permission. Ask an administrator if you need it.`}
      action={
        <Link to="/dashboard" className="text-sm font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
          Back to the dashboard
        </Link>
      }
    />
  );
}
