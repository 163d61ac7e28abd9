import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import type { LiveListener } from '@/hooks/useLiveEvents';
import { json, mockFetch } from '@/test/http';
import { useResellerOrders } from './resellers';
import { useUserOrders } from './users';

const live = vi.hoisted(() => ({ listener: null as LiveListener | null }));
vi.mock('@/hooks/useLiveEvents', () => ({
  useLiveEvents: (listener: LiveListener) => {
    live.listener = listener;
  },
}));

const statusChanged = (orderId: number) =>
  live.listener?.({ type: 'order.status_changed', data: { order_id: orderId, order_number: 'ORD', from: 'pending', to: 'confirmed' } });
const PAGE = { items: [{ id: 1 }, { id: 2 }], total: 2, page: 1, page_size: 10, pages: 1 };
const PAGING = { page: 1, page_size: 10 };

function setup(useRows: () => { isSuccess: boolean }, path: string) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(() => json(200, PAGE));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
  const { result } = renderHook(useRows, { wrapper });
  const fetches = () => fetch.mock.calls.filter(([url]) => String(url).startsWith(path)).length;
  return { result, fetches };
}

describe.each([
  ['a user', () => useUserOrders(5, PAGING), '/api/users/5/orders/'],
  ['a reseller', () => useResellerOrders(3, PAGING), '/api/resellers/3/orders/'],
])('the orders of %s', (_, useRows, path) => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    tokens.clear();
    live.listener = null;
  });

  it('are fetched again when one of them changes status live, or after a reconnect, and not for other orders', async () => {
    const { result, fetches } = setup(useRows, path);
    // The page must be in hand: which orders it shows decides what concerns it.
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(fetches()).toBe(1);
    vi.useFakeTimers();

    act(() => statusChanged(9));
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(fetches()).toBe(1);

    act(() => statusChanged(2));
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(fetches()).toBe(2);

    act(() => live.listener?.({ type: 'ready', data: { account_id: 1, heartbeat_seconds: 25 } }));
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(fetches()).toBe(3);
  });
});
