import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { ErrorBoundary } from '@/components/common/ErrorBoundary/ErrorBoundary';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { AuthProvider } from '@/context/AuthContext';
import { NotificationProvider } from '@/context/NotificationContext';
import { ThemeProvider } from '@/context/ThemeContext';
import { useBranding } from '@/hooks/useBranding';
import { AppRoutes } from '@/routes';

function Branding() {
  useBranding();
  return null;
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <Branding />
        <ThemeProvider>
          <NotificationProvider>
            <BrowserRouter>
              <AuthProvider>
                <Suspense fallback={<LoadingSpinner fullPage size="lg" />}>
                  <AppRoutes />
                </Suspense>
              </AuthProvider>
            </BrowserRouter>
          </NotificationProvider>
        </ThemeProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
