import { Suspense, useCallback, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Breadcrumb } from '@/components/common/Breadcrumb/Breadcrumb';
import { ErrorBoundary } from '@/components/common/ErrorBoundary/ErrorBoundary';
import { Header } from '@/components/common/Header/Header';
import { Icon } from '@/components/common/Icon/Icon';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { Sidebar } from '@/components/common/Sidebar/Sidebar';
import { useAuth } from '@/hooks/useAuth';

export function Layout() {
  const [navOpen, setNavOpen] = useState(false);
  const closeNav = useCallback(() => setNavOpen(false), []);
  const { pathname } = useLocation();
  const { user } = useAuth();

  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-[70] focus:rounded-lg focus:bg-indigo-600 focus:px-4 focus:py-2 focus:text-white"
      >
        Skip to content
      </a>
      <Sidebar mobileOpen={navOpen} onClose={closeNav} />
      <div className="flex min-h-screen min-w-0 flex-1 flex-col">
        <Header onOpenNavigation={() => setNavOpen(true)} />
        {user?.must_change_password && pathname !== '/settings' && (
          <div role="status" className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 sm:px-6 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
            <Icon name="key" className="size-4 shrink-0" />
            <span>
              Your password was set by an administrator.{' '}
              <Link to="/settings#password" className="font-semibold underline underline-offset-2">
                Choose your own password
              </Link>
            </span>
          </div>
        )}
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
          <Breadcrumb />
          <ErrorBoundary resetKey={pathname}>
            <Suspense fallback={<LoadingSpinner fullPage label="Loading page…" />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
