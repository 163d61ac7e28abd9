import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import { DataTable } from './DataTable';
import type { Column, SortState } from './types';

interface Row {
  id: number;
  name: string;
  email: string;
}

const COLUMNS: Column<Row>[] = [
  { id: 'name', header: 'Name', cell: (row) => row.name, alwaysVisible: true, sortable: true },
  { id: 'email', header: 'Email', cell: (row) => row.email, sortable: true },
  { id: 'secret', header: 'Notes', cell: () => 'hidden by default', defaultHidden: true },
];
const ROWS: Row[] = [
  { id: 1, name: 'Ada', email: 'ada@example.org' },
  { id: 2, name: 'Grace', email: 'grace@example.org' },
];

function setup(overrides: Partial<Parameters<typeof DataTable<Row>>[0]> = {}) {
  const props = {
    tableId: 'people',
    caption: 'People',
    columns: COLUMNS,
    rows: ROWS,
    getRowId: (row: Row) => row.id,
    total: 60,
    page: 2,
    pageSize: 25,
    onPageChange: vi.fn(),
    onPageSizeChange: vi.fn(),
    sort: null as SortState | null,
    onSortChange: vi.fn(),
    ...overrides,
  };
  const view = render(<DataTable {...props} />);
  return { props, view, user: userEvent.setup() };
}

describe('DataTable', () => {
  it('renders rows and the visible columns', () => {
    setup();
    const table = screen.getByRole('table', { name: 'People' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByRole('columnheader', { name: /email/i })).toBeInTheDocument();
    expect(within(table).queryByRole('columnheader', { name: /notes/i })).not.toBeInTheDocument();
  });

  it('asks the server for a sort: ascending, then descending, then none', async () => {
    const { props, user, view } = setup();
    await user.click(screen.getByRole('button', { name: 'Email' }));
    expect(props.onSortChange).toHaveBeenLastCalledWith({ id: 'email', direction: 'asc' });

    view.rerender(<DataTable {...props} sort={{ id: 'email', direction: 'asc' }} />);
    expect(screen.getByRole('columnheader', { name: /email/i })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: 'Email' }));
    expect(props.onSortChange).toHaveBeenLastCalledWith({ id: 'email', direction: 'desc' });

    view.rerender(<DataTable {...props} sort={{ id: 'email', direction: 'desc' }} />);
    await user.click(screen.getByRole('button', { name: 'Email' }));
    expect(props.onSortChange).toHaveBeenLastCalledWith(null);
  });

  it('pages through the server results', async () => {
    const { props, user } = setup();
    expect(screen.getByText(/Showing/)).toHaveTextContent('Showing 26–50 of 60');
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(props.onPageChange).toHaveBeenCalledWith(3);
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(props.onPageChange).toHaveBeenCalledWith(1);
    await user.selectOptions(screen.getByLabelText('Rows per page'), '50');
    expect(props.onPageSizeChange).toHaveBeenCalledWith(50);
  });

  it('lets people choose columns, and remembers the choice', async () => {
    const { user, view, props } = setup();
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(screen.getByRole('checkbox', { name: 'Email' }));
    await user.click(screen.getByRole('checkbox', { name: 'Notes' }));
    expect(screen.queryByRole('columnheader', { name: /email/i })).not.toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: /notes/i })).toBeInTheDocument();
    // The always-visible column is not offered.
    expect(screen.queryByRole('checkbox', { name: 'Name' })).not.toBeInTheDocument();

    view.unmount();
    render(<DataTable {...props} />);
    expect(screen.queryByRole('columnheader', { name: /email/i })).not.toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem('simdesk.columns.people')!)).toEqual(['email']);
  });

  it('shows loading, empty and error states', () => {
    const { view, props } = setup({ rows: undefined, loading: true });
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');

    view.rerender(<DataTable {...props} rows={[]} total={0} loading={false} emptyTitle="No people" />);
    expect(screen.getByText('No people')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Pagination' })).not.toBeInTheDocument();

    const error = new ApiError({ status: 500, code: 'internal_error', message: 'Something broke.', requestId: 'req-9' });
    view.rerender(<DataTable {...props} rows={undefined} loading={false} error={error} onRetry={vi.fn()} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Something broke.');
    expect(alert).toHaveTextContent('req-9');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
