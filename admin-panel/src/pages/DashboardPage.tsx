import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { DateRangeFilter } from '@/components/common/Filters/Filters';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { AccountSummary } from '@/components/dashboard/AccountSummary';
import { ActivityFeed, RecentlyViewed } from '@/components/dashboard/ActivityFeed';
import {
  RegistrationTrendsCard,
  RevenueDistributionCard,
  SalesTrendsCard,
  TopResellersCard,
} from '@/components/dashboard/DashboardCharts';
import { preloadCharts } from '@/components/dashboard/charts/lazy';
import { MetricCards } from '@/components/dashboard/MetricCards';
import { QuickLinks } from '@/components/dashboard/QuickLinks';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useLiveEvents, type LiveMessage } from '@/hooks/useLiveEvents';
import type { DateRange } from '@/services/dashboard';
import { queryKeys } from '@/services/queryKeys';
import { todayIso } from '@/utils/dates';

function greeting(hour = new Date().getHours()): string {
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

const DEFAULT_DAYS = 30;

function lastDays(days: number, now = new Date()): DateRange {
  const start = new Date(now);
  start.setDate(start.getDate() - (days - 1));
  return { date_from: todayIso(start), date_to: todayIso(now) };
}

/** Refetches what a live event says changed: orders move every figure, tickets only the cards. */
function useLiveFigures(enabled: boolean) {
  const client = useQueryClient();
  const onMessage = useCallback(
    (message: LiveMessage) => {
      const orders = message.type === 'order.status_changed' || (message.type === 'dashboard.changed' && message.data.topic === 'orders');
      // `ready` follows a (re)connect: events may have been missed meanwhile.
      if (orders || message.type === 'ready') void client.invalidateQueries({ queryKey: queryKeys.dashboardAll });
      else if (message.type === 'dashboard.changed') void client.invalidateQueries({ queryKey: queryKeys.dashboard('metrics', {}) });
    },
    [client],
  );
  useLiveEvents(onMessage, { enabled });
}

export default function DashboardPage() {
  useDocumentTitle('Dashboard');
  const { user, can } = useAuth();
  const readsDashboard = can('dashboard:read');
  useLiveFigures(readsDashboard);
  useEffect(() => {
    if (readsDashboard) void preloadCharts();
  }, [readsDashboard]);
  const [picked, setPicked] = useState<DateRange>(() => lastDays(DEFAULT_DAYS));
  const backwards = picked.date_from > picked.date_to;
  // The charts keep the last range that makes sense while a backwards one is being fixed.
  const [range, setRange] = useState<DateRange>(picked);
  if (!user) return null;
  const title = `${greeting()}, ${user.first_name || user.email}`;

  if (!readsDashboard) {
    return (
      <>
        <PageHeader title={title} />
        <div className="space-y-8">
          <AccountSummary user={user} />
          <QuickLinks />
        </div>
      </>
    );
  }

  // A reseller login sees its own figures; rankings and distributions of the whole business are not for it.
  const wholeBusiness = user.reseller_id === null;
  const pick = (changes: { from?: string; to?: string }) => {
    const next = { date_from: changes.from ?? picked.date_from, date_to: changes.to ?? picked.date_to };
    setPicked(next);
    if (next.date_from && next.date_to && next.date_from <= next.date_to) setRange(next);
  };

  return (
    <>
      <PageHeader title={title} description={wholeBusiness ? 'How the business is doing.' : 'How your business is doing.'} />
      <div className="space-y-6">
        <MetricCards />
        <section aria-labelledby="period-title" className="space-y-4">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <h2 id="period-title" className="text-base font-semibold text-slate-900 dark:text-white">
              Trends
            </h2>
            <div className="grid grid-cols-2 gap-3 sm:w-96">
              <DateRangeFilter
                from={picked.date_from}
                to={picked.date_to}
                onChange={pick}
                invalid={backwards}
                describedBy="period-problem"
              />
            </div>
          </div>
          {backwards && (
            <p id="period-problem" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
              The date range ends before it starts.
            </p>
          )}
          <div className="grid gap-6 xl:grid-cols-2">
            <SalesTrendsCard range={range} />
            <TopResellersCard range={range} enabled={wholeBusiness} />
            <RevenueDistributionCard range={range} enabled={wholeBusiness} />
            <RegistrationTrendsCard range={range} enabled={wholeBusiness} />
          </div>
        </section>
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 lg:col-span-2">
            <ActivityFeed />
          </div>
          <RecentlyViewed />
        </div>
      </div>
    </>
  );
}
