import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PrivateRoute, TWO_FACTOR_SETUP_PATH } from '@/components/auth/PrivateRoute/PrivateRoute';
import { RequirePermission } from '@/components/auth/PrivateRoute/RequirePermission';
import { Layout } from '@/components/common/Layout/Layout';

// One chunk per screen: the login page does not download the staff editor.
const LoginPage = lazy(() => import('@/pages/LoginPage'));
const ForgotPasswordPage = lazy(() => import('@/pages/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('@/pages/ResetPasswordPage'));
const VerifyEmailPage = lazy(() => import('@/pages/VerifyEmailPage'));
const TwoFactorSetupPage = lazy(() => import('@/pages/TwoFactorSetupPage'));
const DashboardPage = lazy(() => import('@/pages/DashboardPage'));
const GeneralSettingsPage = lazy(() => import('@/pages/GeneralSettingsPage'));
const StaffPage = lazy(() => import('@/pages/StaffPage'));
const RolesPage = lazy(() => import('@/pages/RolesPage'));
const ActivityLogPage = lazy(() => import('@/pages/ActivityLogPage'));
const AuditLogPage = lazy(() => import('@/pages/AuditLogPage'));
const NotFoundPage = lazy(() => import('@/pages/NotFoundPage'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
      <Route path="/verify-email/:token" element={<VerifyEmailPage />} />
      <Route element={<PrivateRoute />}>
        <Route path={TWO_FACTOR_SETUP_PATH} element={<TwoFactorSetupPage />} />
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/dashboard" replace />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/settings" element={<GeneralSettingsPage />} />
          <Route
            path="/settings/staff"
            element={
              <RequirePermission permission="staff:read">
                <StaffPage />
              </RequirePermission>
            }
          />
          <Route
            path="/settings/roles"
            element={
              <RequirePermission permission="staff:read">
                <RolesPage />
              </RequirePermission>
            }
          />
          <Route
            path="/logs/activity"
            element={
              <RequirePermission permission="logs:read">
                <ActivityLogPage />
              </RequirePermission>
            }
          />
          <Route
            path="/logs/audit"
            element={
              <RequirePermission permission="logs:read">
                <AuditLogPage />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
