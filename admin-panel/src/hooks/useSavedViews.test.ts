import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { envelope, json, mockFetch } from '@/test/http';
import { savedViewsApi } from '@/test/savedViews';
import { showsView, useSavedViews } from './useSavedViews';

const ACTIVE = { filters: { status: 'active', search: '' }, sort: { id: 'name', direction: 'desc' as const } };

function setup(server: ReturnType<typeof savedViewsApi>, listId = 'orders') {
  const fetch = mockFetch((url, init) => server.handle(url, init) ?? json(404, {}));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
  const hook = renderHook(({ list }) => useSavedViews(1, list), { initialProps: { list: listId }, wrapper });
  return { ...hook, fetch };
}

const sent = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.filter(([, init]) => init?.method !== 'GET').map(([url, init]) => [init?.method, String(url), init?.body]);

describe('useSavedViews', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads the account's views of the list from the API, its parameters as filters and sort", async () => {
    const server = savedViewsApi([
      { list_key: 'orders', name: 'Unpaid', params: { payment_status: 'pending', sort: '-created_at' } },
      { list_key: 'tickets', name: 'Open', params: { status: 'open' } },
    ]);
    const { result, rerender } = setup(server);
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.views).toEqual([
      { id: 1, name: 'Unpaid', filters: { payment_status: 'pending' }, sort: { id: 'created_at', direction: 'desc' } },
    ]);
    rerender({ list: 'tickets' });
    await waitFor(() => expect(result.current.views.map((view) => view.name)).toEqual(['Open']));
    expect(result.current.views[0]?.sort).toBeNull();
  });

  it('saves the set filters and the sort as parameters, replaces a view of the same name in its place, and deletes one', async () => {
    const server = savedViewsApi();
    const { result, fetch } = setup(server);
    await waitFor(() => expect(result.current.loading).toBe(false));
    let refused: string | null = 'not called';
    await act(async () => {
      refused = await result.current.save('  Active, newest name first ', ACTIVE);
    });
    expect(refused).toBeNull();
    expect(sent(fetch)).toEqual([
      [
        'POST',
        '/api/auth/user/saved-views/',
        JSON.stringify({ list_key: 'orders', name: 'Active, newest name first', params: { status: 'active', sort: '-name' } }),
      ],
    ]);
    // The cache is updated from the answer; the hook hears of it a tick later.
    await waitFor(() =>
      expect(result.current.views).toEqual([
        { id: 1, name: 'Active, newest name first', filters: { status: 'active' }, sort: { id: 'name', direction: 'desc' } },
      ]),
    );

    await act(async () => void (await result.current.save('Cheap', { filters: { amount_max: '10' }, sort: null })));
    await act(async () => void (await result.current.save('ACTIVE, newest name first', { filters: { status: 'suspended' }, sort: null })));
    await waitFor(() =>
      expect(result.current.views).toEqual([
        { id: 1, name: 'ACTIVE, newest name first', filters: { status: 'suspended' }, sort: null },
        { id: 2, name: 'Cheap', filters: { amount_max: '10' }, sort: null },
      ]),
    );

    await act(async () => {
      refused = await result.current.remove(result.current.views[0]!);
    });
    expect(refused).toBeNull();
    await waitFor(() => expect(result.current.views.map((view) => view.name)).toEqual(['Cheap']));
    expect(server.views.map((view) => view.name)).toEqual(['Cheap']);
  });

  it('refuses a view without a name, with too long a name or with nothing set before asking the API, and says why the API refused one', async () => {
    const server = savedViewsApi();
    const { result, fetch } = setup(server);
    await waitFor(() => expect(result.current.loading).toBe(false));
    const answers: Array<string | null> = [];
    await act(async () => {
      answers.push(await result.current.save('   ', ACTIVE));
      answers.push(await result.current.save('x'.repeat(61), ACTIVE));
      answers.push(await result.current.save('Everything', { filters: { status: '' }, sort: null }));
    });
    expect(answers).toEqual([
      'Name the view.',
      'Keep the name to 60 characters.',
      'Set a filter or a sort first: there is nothing to save.',
    ]);
    expect(sent(fetch)).toEqual([]);

    const full = 'You have 50 saved views of this list: delete one first.';
    fetch.mockImplementation((url, init = {}) =>
      Promise.resolve(init.method === 'POST' ? envelope(422, 'too_many_views', full) : (server.handle(String(url), init) ?? json(404, {}))),
    );
    let refused: string | null = null;
    await act(async () => {
      refused = await result.current.save('One more', ACTIVE);
    });
    expect(refused).toBe(full);
    expect(result.current.views).toEqual([]);
  });

  it('says why the views could not be loaded', async () => {
    mockFetch(() => envelope(503, 'service_unavailable', 'The database is unavailable.'));
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
    const { result } = renderHook(() => useSavedViews(1, 'orders'), { wrapper });
    await waitFor(() => expect(result.current.loadError).toBe('The database is unavailable.'));
    expect(result.current.views).toEqual([]);
  });
});

describe('useSavedViews moving the views this browser kept', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves the well-formed ones the account has no view of that name for, once, then forgets them', async () => {
    localStorage.setItem(
      'simdesk.views.1.orders',
      JSON.stringify([
        { name: 'Good', filters: { status: 'active' }, sort: { id: 'name', direction: 'asc' } },
        { name: 'unpaid', filters: { status: 'paid' }, sort: null },
        { name: 'Bad sort', filters: {}, sort: { id: 'name', direction: 'sideways' } },
        { name: 'Bad filter', filters: { status: 3 }, sort: null },
        'junk',
        null,
      ]),
    );
    localStorage.setItem('simdesk.views.2.orders', JSON.stringify([{ name: 'Someone else’s', filters: { a: 'b' }, sort: null }]));
    const server = savedViewsApi([{ list_key: 'orders', name: 'Unpaid', params: { payment_status: 'pending' } }]);
    const { result, fetch, rerender } = setup(server);
    await waitFor(() => expect(localStorage.getItem('simdesk.views.1.orders')).toBeNull());
    expect(sent(fetch)).toEqual([
      ['POST', '/api/auth/user/saved-views/', JSON.stringify({ list_key: 'orders', name: 'Good', params: { status: 'active', sort: 'name' } })],
    ]);
    // The account's own view of that name stays as it was.
    await waitFor(() =>
      expect(result.current.views.map((view) => [view.name, view.filters])).toEqual([
        ['Unpaid', { payment_status: 'pending' }],
        ['Good', { status: 'active' }],
      ]),
    );
    expect(localStorage.getItem('simdesk.views.2.orders')).not.toBeNull();
    rerender({ list: 'orders' });
    expect(sent(fetch)).toHaveLength(1);
  });

  it('keeps them for another visit while the server cannot be reached', async () => {
    const stored = JSON.stringify([{ name: 'Good', filters: { status: 'active' }, sort: null }]);
    localStorage.setItem('simdesk.views.1.orders', stored);
    const server = savedViewsApi();
    const { fetch } = setup(server);
    fetch.mockImplementation((url, init = {}) =>
      init.method === 'POST' ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(server.handle(String(url), init) ?? json(404, {})),
    );
    await waitFor(() => expect(sent(fetch)).toHaveLength(1));
    // Settled: the failed save is the last thing to happen.
    await act(async () => {});
    expect(localStorage.getItem('simdesk.views.1.orders')).toBe(stored);
    expect(server.views).toEqual([]);
  });
});

describe('showsView', () => {
  it('matches the set filters and the sort exactly', () => {
    const view = { filters: { status: 'active' }, sort: { id: 'name', direction: 'desc' as const } };
    expect(showsView(view, ACTIVE)).toBe(true);
    expect(showsView(view, { ...ACTIVE, sort: { id: 'name', direction: 'asc' } })).toBe(false);
    expect(showsView(view, { ...ACTIVE, sort: null })).toBe(false);
    expect(showsView(view, { filters: { status: 'active', search: 'ada' }, sort: ACTIVE.sort })).toBe(false);
    expect(showsView({ filters: {}, sort: null }, { filters: { status: '' }, sort: null })).toBe(true);
  });
});
