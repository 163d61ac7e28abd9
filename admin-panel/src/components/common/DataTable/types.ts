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

/** Row checkboxes for bulk actions. */
export interface RowSelection<T> {
  isSelected: (row: T) => boolean;
  /** The rows whose box was ticked or cleared; the header's box passes the whole page. */
  onChange: (rows: T[], selected: boolean) => void;
  /** Names a row's box for screen readers, e.g. "Select ORD-2026-000042". */
  rowLabel: (row: T) => string;
}
