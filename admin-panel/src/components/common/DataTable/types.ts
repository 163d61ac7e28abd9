import type { ReactNode } from 'react';

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The server can sort by this column (`sort=<id>` / `sort=-<id>`). */
  sortable?: boolean;
  /** Never offered in the column picker (e.g. the row's name). */
  alwaysVisible?: boolean;
  /** Hidden until the user turns it on in the column picker. */
  defaultHidden?: boolean;
  align?: 'left' | 'right';
  className?: string;
}

export interface SortState {
  id: string;
  direction: 'asc' | 'desc';
}
