import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { ListQuery } from '@/hooks/useListQuery';
import { queryKeys } from './queryKeys';

export const PLAN_FILTERS = ['search', 'sim_type', 'is_active'] as const;
type PlanFilterName = (typeof PLAN_FILTERS)[number];

export function usePlanList(query: ListQuery<PlanFilterName>['query']) {
  return useQuery({
    queryKey: queryKeys.plans(query),
    queryFn: ({ signal }) => api.get('/api/catalog/plans/', { query: query as never, signal }),
    placeholderData: keepPreviousData,
  });
}
