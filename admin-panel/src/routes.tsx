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
const ResellersPage = lazy(() => import('@/pages/ResellersPage'));
const ResellerFormPage = lazy(() => import('@/pages/ResellerFormPage'));
const ResellerDetailsPage = lazy(() => import('@/pages/ResellerDetailsPage'));
const ClientsPage = lazy(() => import('@/pages/ClientsPage'));
const ClientDetailsPage = lazy(() => import('@/pages/ClientDetailsPage'));
const UsersPage = lazy(() => import('@/pages/UsersPage'));
const UserDetailsPage = lazy(() => import('@/pages/UserDetailsPage'));
const OrdersPage = lazy(() => import('@/pages/OrdersPage'));
const OrderDetailsPage = lazy(() => import('@/pages/OrderDetailsPage'));
const TransactionsPage = lazy(() => import('@/pages/TransactionsPage'));
const TransactionDetailsPage = lazy(() => import('@/pages/TransactionDetailsPage'));
const PricingSettingsPage = lazy(() => import('@/pages/PricingSettingsPage'));
const NotificationSettingsPage = lazy(() => import('@/pages/NotificationSettingsPage'));
const ApiSettingsPage = lazy(() => import('@/pages/ApiSettingsPage'));
const BrandingSettingsPage = lazy(() => import('@/pages/BrandingSettingsPage'));
const TicketsPage = lazy(() => import('@/pages/TicketsPage'));
const TicketDetailsPage = lazy(() => import('@/pages/TicketDetailsPage'));
const WebhooksPage = lazy(() => import('@/pages/WebhooksPage'));
const WebhookDetailsPage = lazy(() => import('@/pages/WebhookDetailsPage'));
const EmailsPage = lazy(() => import('@/pages/EmailsPage'));
const EmailComposePage = lazy(() => import('@/pages/EmailComposePage'));
const EmailDetailsPage = lazy(() => import('@/pages/EmailDetailsPage'));
const PlansPage = lazy(() => import('@/pages/PlansPage'));
const ReportsPage = lazy(() => import('@/pages/ReportsPage'));
const CustomReportPage = lazy(() => import('@/pages/CustomReportPage'));
const ReportSchedulesPage = lazy(() => import('@/pages/ReportSchedulesPage'));
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
            path="/settings/pricing"
            element={
              <RequirePermission permission="settings:read">
                <PricingSettingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/settings/notifications"
            element={
              <RequirePermission permission="settings:read">
                <NotificationSettingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/settings/api"
            element={
              <RequirePermission permission="api_keys:manage">
                <ApiSettingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/settings/branding"
            element={
              <RequirePermission permission="settings:read">
                <BrandingSettingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/settings/webhooks"
            element={
              <RequirePermission permission="api_keys:manage">
                <WebhooksPage />
              </RequirePermission>
            }
          />
          <Route
            path="/settings/webhooks/:id"
            element={
              <RequirePermission permission="api_keys:manage">
                <WebhookDetailsPage />
              </RequirePermission>
            }
          />
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
          <Route
            path="/resellers"
            element={
              <RequirePermission permission="resellers:read">
                <ResellersPage />
              </RequirePermission>
            }
          />
          <Route
            path="/resellers/add"
            element={
              <RequirePermission permission="resellers:create">
                <ResellerFormPage />
              </RequirePermission>
            }
          />
          <Route
            path="/resellers/:id"
            element={
              <RequirePermission permission="resellers:read">
                <ResellerDetailsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/resellers/:id/edit"
            element={
              <RequirePermission permission="resellers:update">
                <ResellerFormPage />
              </RequirePermission>
            }
          />
          <Route
            path="/clients"
            element={
              <RequirePermission permission="clients:read">
                <ClientsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/clients/:id"
            element={
              <RequirePermission permission="clients:read">
                <ClientDetailsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/users"
            element={
              <RequirePermission permission="users:read">
                <UsersPage />
              </RequirePermission>
            }
          />
          <Route
            path="/users/:id"
            element={
              <RequirePermission permission="users:read">
                <UserDetailsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/orders"
            element={
              <RequirePermission permission="orders:read">
                <OrdersPage />
              </RequirePermission>
            }
          />
          <Route
            path="/orders/:id"
            element={
              <RequirePermission permission="orders:read">
                <OrderDetailsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/transactions"
            element={
              <RequirePermission permission="transactions:read">
                <TransactionsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/transactions/:id"
            element={
              <RequirePermission permission="transactions:read">
                <TransactionDetailsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/support/tickets"
            element={
              <RequirePermission permission="support:read">
                <TicketsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/support/tickets/:id"
            element={
              <RequirePermission permission="support:read">
                <TicketDetailsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/emails"
            element={
              <RequirePermission permission="emails:send">
                <EmailsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/emails/new"
            element={
              <RequirePermission permission="emails:send">
                <EmailComposePage />
              </RequirePermission>
            }
          />
          <Route
            path="/emails/:id"
            element={
              <RequirePermission permission="emails:send">
                <EmailDetailsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/plans"
            element={
              <RequirePermission permission="catalog:read">
                <PlansPage />
              </RequirePermission>
            }
          />
          <Route
            path="/reports"
            element={
              <RequirePermission permission="reports:read">
                <ReportsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/reports/custom"
            element={
              <RequirePermission permission="reports:create">
                <CustomReportPage />
              </RequirePermission>
            }
          />
          <Route
            path="/reports/schedules"
            element={
              <RequirePermission permission="reports:manage">
                <ReportSchedulesPage />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
