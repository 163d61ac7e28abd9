import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';

export type SearchHit = components['schemas']['SearchHitRead'];
export type SearchGroup = components['schemas']['SearchGroupRead'];

/** Texts shorter than this match too much to be worth a request. */
export const MIN_SEARCH_LENGTH = 2;

/**
 * Where each kind of hit opens. Plans have no screen in the panel, so they are not asked for.
 */
const DESTINATIONS: Record<string, (hit: SearchHit) => string> = {
  orders: (hit) => `/orders/${hit.id}`,
  users: (hit) => `/users/${hit.id}`,
  resellers: (hit) => `/resellers/${hit.id}`,
  clients: (hit) => `/clients/${hit.id}`,
  tickets: (hit) => `/support/tickets/${hit.id}`,
};

export const SEARCH_TYPES = Object.keys(DESTINATIONS).join(',');

export function hitPath(hit: SearchHit): string {
  return DESTINATIONS[hit.type]?.(hit) ?? '/dashboard';
}

export function useGlobalSearch(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.get('/api/search/', { query: { q, types: SEARCH_TYPES, limit: 5 }, signal }),
    enabled: q.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
