import type { UseQueryResult } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '@/api/tokens';
import { useListQuery } from '@/hooks/useListQuery';
import { envelope, json, mockFetch } from '@/test/http';
import { withProfile } from '@/test/profile';
import { renderWithProviders } from '@/test/render';
import { savedViewsApi } from '@/test/savedViews';
import { ListTable, type PageOf } from './ListTable';
import type { Column } from './types';

interface Person {
  id: number;
  name: string;
}

const COLUMNS: Column<Person>[] = [{ id: 'name', header: 'Name', cell: (row) => row.name, sortable: true }];
const FILTERS = ['search', 'status'] as const;
const RESULT = {
  data: { items: [{ id: 1, name: 'Ada' }], total: 1 },
  isPending: false,
  isFetching: false,
  error: null,
  refetch: vi.fn(),
} as unknown as UseQueryResult<PageOf<Person>>;

/** A list page as the panel builds them, with its URL on show. */
function PeoplePage() {
  const state = useListQuery(FILTERS, 25);
  return (
    <>
      <ListTable
        tableId="people"
        caption="People"
        columns={COLUMNS}
        state={state}
        result={RESULT}
        noun={['person', 'people']}
        getRowId={(row) => row.id}
        toolbar={
          <button type="button" onClick={() => state.list.setFilters({ status: 'active' })}>
            Only active
          </button>
        }
      />
      <output aria-label="Address">{useLocation().search}</output>
    </>
  );
}

function renderPage(path: string, server = savedViewsApi()) {
  tokens.save('access', 'refresh', false);
  const fetch = mockFetch(withProfile((url, init) => server.handle(url, init) ?? json(404, {})));
  renderWithProviders(<PeoplePage />, { path });
  return { user: userEvent.setup(), server, fetch };
}

const stored = (server: ReturnType<typeof savedViewsApi>) => server.views.map(({ list_key, name, params }) => ({ list_key, name, params }));

const address = () => screen.getByRole('status', { name: 'Address' }).textContent;

async function openViews(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Views' }));
}

describe('SavedViews in a list', () => {
  afterEach(() => {
    tokens.clear();
    vi.unstubAllGlobals();
  });

  it('saves the filters and sort under a name for this account, then shows them again in one step', async () => {
    const { user, server } = renderPage('/people?status=active&sort=-name&page=3');
    await openViews(user);
    expect(await screen.findByText('No saved views yet.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Save these filters and sort as'), 'Active people');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved “Active people”.')).toBeInTheDocument();
    expect(screen.getByLabelText('Save these filters and sort as')).toHaveValue('');
    expect(stored(server)).toEqual([{ list_key: 'people', name: 'Active people', params: { status: 'active', sort: '-name' } }]);
    // The view is the one on show.
    expect(await screen.findByRole('button', { name: 'Active people' })).toHaveAttribute('aria-current', 'true');

    // Sorting the list another way: no saved view is on show any more.
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Views' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Name' }));
    expect(address()).toBe('?status=active');
    await openViews(user);
    expect(await screen.findByRole('button', { name: 'Active people' })).not.toHaveAttribute('aria-current');

    // Showing it replaces every filter and the sort in one step, from the first page.
    await user.click(screen.getByRole('button', { name: 'Active people' }));
    expect(address()).toBe('?status=active&sort=-name');
    expect(screen.queryByRole('list', { name: 'Saved views' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Views' })).toHaveFocus();
  });

  it('clears the filters a view does not set, and shows only the views of this list', async () => {
    const server = savedViewsApi([
      { list_key: 'people', name: 'Suspended', params: { status: 'suspended' } },
      { list_key: 'orders', name: 'Unpaid', params: { payment_status: 'pending' } },
    ]);
    const { user } = renderPage('/people?search=zed&sort=name&page=2', server);
    await openViews(user);
    const list = await screen.findByRole('list', { name: 'Saved views' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Suspended']);
    await user.click(screen.getByRole('button', { name: 'Suspended' }));
    expect(address()).toBe('?status=suspended');
  });

  it('says why a view cannot be saved, replaces one of the same name, and deletes one', async () => {
    const { user, server } = renderPage('/people');
    await openViews(user);
    const name = screen.getByLabelText('Save these filters and sort as');
    await user.type(name, 'Everyone');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Set a filter or a sort first: there is nothing to save.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(server.views).toEqual([]);
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Only active' }));
    await openViews(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Name the view.');
    await user.type(screen.getByLabelText('Save these filters and sort as'), 'Active');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved “Active”.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.keyboard('{Escape}');

    // The same name in other letters replaces the view.
    await user.click(screen.getByRole('button', { name: 'Name' }));
    await openViews(user);
    await user.type(screen.getByLabelText('Save these filters and sort as'), 'ACTIVE');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved “ACTIVE”.')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Saved views' })).getAllByRole('listitem')).toHaveLength(1);
    expect(stored(server)).toEqual([{ list_key: 'people', name: 'ACTIVE', params: { status: 'active', sort: 'name' } }]);

    await user.click(screen.getByRole('button', { name: 'Delete the view “ACTIVE”' }));
    expect(await screen.findByText('No saved views yet.')).toBeInTheDocument();
    expect(screen.getByText('Deleted “ACTIVE”.')).toBeInTheDocument();
    expect(screen.getByLabelText('Save these filters and sort as')).toHaveFocus();
    expect(server.views).toEqual([]);
  });

  it("says why the API refused a view, and keeps the name to try again", async () => {
    const { user, fetch } = renderPage('/people?status=active');
    const full = 'You have 50 saved views of this list: delete one first.';
    fetch.mockImplementation((url, init = {}) =>
      Promise.resolve(init.method === 'POST' ? envelope(422, 'too_many_views', full) : withProfile(() => json(200, []))(String(url), init)),
    );
    await openViews(user);
    await user.type(screen.getByLabelText('Save these filters and sort as'), 'One more');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(full);
    expect(screen.getByLabelText('Save these filters and sort as')).toHaveValue('One more');
    expect(screen.getByText('No saved views yet.')).toBeInTheDocument();
  });
});
