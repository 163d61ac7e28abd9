import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/errors';

/** Retries only what may succeed on a second try: network failures and 5xx, twice. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 2 && (!isApiError(error) || error.isServerError) && !(isApiError(error) && error.status === 501),
      },
      mutations: { retry: false },
    },
  });
}
