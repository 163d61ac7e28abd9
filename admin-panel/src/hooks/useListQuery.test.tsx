import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useListQuery } from './useListQuery';

const NAMES = ['search', 'status', 'created_from', 'created_to'] as const;

function setup(url: string) {
  const wrapper = ({ children }: { children: ReactNode }) => <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>;
  return renderHook(
    () => ({ list: useListQuery(NAMES, 25), location: useLocation() }),
    { wrapper },
  );
}

describe('useListQuery', () => {
  it('turns the URL into the API query: ordering, set filters, whole days', () => {
    const { result } = setup('/resellers?search=nimbus&sort=-business_name&created_from=2026-03-01&created_to=2026-03-31&page=2');
    expect(result.current.list.query).toEqual({
      page: 2,
      page_size: 25,
      ordering: '-business_name',
      search: 'nimbus',
      created_from: new Date('2026-03-01T00:00:00').toISOString(),
      created_to: new Date('2026-03-31T23:59:59.999').toISOString(),
    });
    expect(result.current.list.filtered).toBe(true);
    expect(result.current.list.valid).toBe(true);
  });

  it('leaves defaults out, and reports a range that ends before it starts', () => {
    const { result } = setup('/resellers?created_from=2026-03-31&created_to=2026-03-01');
    expect(result.current.list.valid).toBe(false);
    expect(result.current.list.problems).toEqual({ created_to: 'The date range ends before it starts.' });

    const plain = setup('/resellers').result;
    expect(plain.current.list.query).toEqual({ page: 1, page_size: 25 });
    expect(plain.current.list.filtered).toBe(false);
  });

  it('goes back to the first page when a filter changes', () => {
    const { result } = setup('/resellers?page=3&sort=city');
    act(() => result.current.list.list.setFilters({ status: 'suspended' }));
    expect(result.current.location.search).toBe('?sort=city&status=suspended');
    expect(result.current.list.query).toEqual({ page: 1, page_size: 25, ordering: 'city', status: 'suspended' });
  });
});
