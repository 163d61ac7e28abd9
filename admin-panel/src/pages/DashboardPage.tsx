import { AccountSummary } from '@/components/dashboard/AccountSummary';
import { QuickLinks } from '@/components/dashboard/QuickLinks';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

function greeting(hour = new Date().getHours()): string {
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export default function DashboardPage() {
  useDocumentTitle('Dashboard');
  const { user } = useAuth();
  if (!user) return null;
  return (
    <>
      <PageHeader
        title={`${greeting()}, ${user.first_name || user.email}`}
        description="Business metrics arrive here with the orders and sales modules."
      />
      <div className="space-y-8">
        <AccountSummary user={user} />
        <section aria-labelledby="quick-links">
          <h2 id="quick-links" className="mb-3 text-sm font-semibold text-slate-900 dark:text-white">
            Go to
          </h2>
          <QuickLinks />
        </section>
      </div>
    </>
  );
}
