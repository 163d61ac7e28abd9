import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { isApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { queryKeys } from './queryKeys';

type Schemas = components['schemas'];
export type DashboardMetrics = Schemas['DashboardMetrics'];
export type Granularity = Schemas['Granularity'];
export type TopBy = Schemas['TopBy'];
export type Dimension = Schemas['Dimension'];
export type TrendPeriod = Schemas['TrendPeriod'];
export type RegistrationPeriod = Schemas['RegistrationPeriod'];
export type ActivityRead = Schemas['ActivityRead'];
export type ViewedItem = Schemas['ViewedItem'];

export interface DateRange {
  date_from: string;
  date_to: string;
}

/**
 * The figures that compare resellers or describe the whole business answer 403
 * `business_figures_only` to a reseller login: such a widget is left out, not shown as a failure.
 */
export function isBusinessOnly(error: unknown): boolean {
  return isApiError(error) && error.status === 403 && error.code === 'business_figures_only';
}

// Figures come from the API's Redis cache; live events refetch them, so they may sit a minute.
const STALE_MS = 60_000;

export function useDashboardMetrics() {
  return useQuery({
    queryKey: queryKeys.dashboard('metrics', {}),
    queryFn: ({ signal }) => api.get('/api/dashboard/metrics/', { signal }),
    staleTime: STALE_MS,
  });
}

export function useSalesTrends(range: DateRange, granularity: Granularity) {
  const query = { ...range, granularity };
  return useQuery({
    queryKey: queryKeys.dashboard('sales-trends', query),
    queryFn: ({ signal }) => api.get('/api/dashboard/sales-trends/', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
  });
}

/** `enabled`: false for a reseller login, which may not compare resellers. */
export function useTopResellers(range: DateRange, by: TopBy, enabled: boolean) {
  const query = { ...range, by, limit: 10 };
  return useQuery({
    queryKey: queryKeys.dashboard('top-resellers', query),
    queryFn: ({ signal }) => api.get('/api/dashboard/top-resellers/', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
    enabled,
  });
}

export function useRevenueDistribution(range: DateRange, by: Dimension, enabled: boolean) {
  const query = { ...range, by };
  return useQuery({
    queryKey: queryKeys.dashboard('revenue-distribution', query),
    queryFn: ({ signal }) => api.get('/api/dashboard/revenue-distribution/', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
    enabled,
  });
}

export function useRegistrationTrends(range: DateRange, granularity: Granularity, enabled: boolean) {
  const query = { ...range, granularity };
  return useQuery({
    queryKey: queryKeys.dashboard('registration-trends', query),
    queryFn: ({ signal }) => api.get('/api/dashboard/registration-trends/', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
    enabled,
  });
}

export function useRecentActivities(page: number, pageSize = 10) {
  const query = { page, page_size: pageSize };
  return useQuery({
    queryKey: queryKeys.dashboard('recent-activities', query),
    queryFn: ({ signal }) => api.get('/api/dashboard/recent-activities/', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
  });
}

export function useRecentlyViewed() {
  return useQuery({
    queryKey: queryKeys.dashboard('recently-viewed', {}),
    queryFn: ({ signal }) => api.get('/api/dashboard/recently-viewed/', { signal }),
  });
}
