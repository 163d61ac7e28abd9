import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { useAuth } from '@/hooks/useAuth';

export const TWO_FACTOR_SETUP_PATH = '/setup-2fa';

/**
 * Lets signed-in users through; sends others to /login with the page they asked for in `next`,
 * and users whose role requires 2FA but who have not enrolled to the enrolment screen.
 */
export function PrivateRoute() {
  const { status, user, error, retry, endedReason } = useAuth();
  const location = useLocation();

  if (status === 'loading') {
    return <LoadingSpinner fullPage size="lg" label="Checking your session…" />;
  }
  if (status === 'error') {
    return (
      <div className="mx-auto max-w-xl p-6 pt-24">
        <ErrorState error={error} title="The panel cannot reach the server" onRetry={retry} />
      </div>
    );
  }
  if (status === 'anonymous' || !user) {
    // After "Log out" the next login starts afresh at the dashboard.
    const next = endedReason === 'logout' ? '/' : `${location.pathname}${location.search}${location.hash}`;
    const query = next !== '/' ? `?next=${encodeURIComponent(next)}` : '';
    return <Navigate to={`/login${query}`} replace />;
  }
  if (user.two_factor_setup_required && location.pathname !== TWO_FACTOR_SETUP_PATH) {
    return <Navigate to={TWO_FACTOR_SETUP_PATH} replace />;
  }
  return <Outlet />;
}
