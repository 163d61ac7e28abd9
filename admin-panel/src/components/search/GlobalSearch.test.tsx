import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { GlobalSearch } from './GlobalSearch';

const results = {
  query: 'quimby',
  engine: 'postgresql',
  groups: [
    {
      type: 'orders',
      label: 'Orders',
      has_more: false,
      hits: [{ type: 'orders', id: 7, title: 'ORD-2026-000007', subtitle: 'Europe 5GB · paid', score: 1, highlights: {} }],
    },
    { type: 'resellers', label: 'Resellers', has_more: false, hits: [] },
    {
      type: 'users',
      label: 'App users',
      has_more: true,
      hits: [
        {
          type: 'users',
          id: 12,
          title: 'Alexandra Quimby',
          subtitle: 'alexandra@example.com · <b>Lisbon',
          score: 0.9,
          highlights: { full_name: 'Alexandra <mark>Quimby</mark>', city: '&lt;b&gt;<mark>Lisbon</mark>' },
        },
      ],
    },
  ],
};

const searchCalls = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/search/'));

function renderSearch() {
  return renderWithProviders(
    <>
      <GlobalSearch />
      <button type="button">Elsewhere</button>
      <Routes>
        <Route path="/orders/:id" element={<p>Order page</p>} />
        <Route path="/users/:id" element={<p>User page</p>} />
        <Route path="*" element={null} />
      </Routes>
    </>,
  );
}

describe('GlobalSearch', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('waits for two characters, groups the hits with their highlights, and opens one with arrows and Enter', async () => {
    tokens.save('access', 'refresh', false);
    const fetch = mockFetch(withProfile(() => json(200, results), ['search:read']));
    const user = userEvent.setup();
    renderSearch();

    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    await user.keyboard('/');
    const box = screen.getByRole('combobox', { name: /search orders/i });
    expect(box).toHaveFocus();

    await user.keyboard('q');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(searchCalls(fetch)).toEqual([]);
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await user.keyboard('uimby');
    const listbox = await screen.findByRole('listbox', { name: 'Search results' });
    await within(listbox).findByRole('option', { name: /Alexandra Quimby/ });
    expect(searchCalls(fetch)).toEqual(['/api/search/?q=quimby&types=orders%2Cusers%2Cresellers%2Cclients%2Ctickets&limit=5']);
    // Empty groups are left out; each group is labelled.
    expect(within(listbox).getAllByRole('group')).toHaveLength(2);
    within(listbox).getByRole('group', { name: 'Orders' });
    within(listbox).getByRole('group', { name: 'App users (top 1)' });
    const marks = listbox.querySelectorAll('mark');
    // The highlight's markup is parsed, never injected: the escaped "<b>" stays text.
    expect([...marks].map((mark) => mark.textContent)).toEqual(['Quimby', 'Lisbon']);
    expect(listbox.querySelector('b')).toBeNull();
    expect(within(listbox).getByRole('option', { name: /Alexandra/ })).toHaveTextContent('alexandra@example.com · <b>Lisbon');

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', within(listbox).getByRole('option', { name: /Alexandra/ }).id);
    expect(within(listbox).getByRole('option', { name: /Alexandra/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('User page')).toBeInTheDocument();
    expect(box).toHaveValue('');
  });

  it('says when nothing matches and when the search failed', async () => {
    tokens.save('access', 'refresh', false);
    let fail = false;
    mockFetch(
      withProfile(
        () => (fail ? envelope(503, 'search_unavailable', 'Search is unavailable.') : json(200, { ...results, groups: [] })),
        ['search:read'],
      ),
    );
    const user = userEvent.setup();
    renderSearch();

    await user.type(screen.getByRole('combobox'), 'zz');
    expect(await screen.findByText('Nothing matches “zz”.')).toBeInTheDocument();
    fail = true;
    await user.type(screen.getByRole('combobox'), 'x');
    expect(await screen.findByText(/Search failed: Search is unavailable/)).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Nothing matches “zzx”.')).toBeInTheDocument();
  });
});
