import { useEffect, useRef } from 'react';
import { checkboxClass } from '@/utils/styles';
import type { RowSelection } from './types';

/** The header's box: ticked when every row on the page is, mixed when some are. */
export function SelectAllBox<T>({ rows, selection }: { rows: T[]; selection: RowSelection<T> }) {
  const box = useRef<HTMLInputElement>(null);
  const count = rows.filter(selection.isSelected).length;
  const all = rows.length > 0 && count === rows.length;
  useEffect(() => {
    if (box.current) box.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return (
    <input
      ref={box}
      type="checkbox"
      aria-label="Select all rows on this page"
      className={checkboxClass}
      checked={all}
      disabled={rows.length === 0}
      onChange={() => selection.onChange(rows, !all)}
    />
  );
}
