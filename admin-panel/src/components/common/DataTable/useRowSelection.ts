import { useCallback, useMemo, useState } from 'react';
import type { RowSelection } from './types';

/**
 * Rows ticked for a bulk action, kept across pages: each id with the name to show for it once
 * its row is off screen (in a confirmation or a result list).
 */
export function useRowSelection<T>(getId: (row: T) => number, getName: (row: T) => string) {
  const [selected, setSelected] = useState<ReadonlyMap<number, string>>(new Map());

  const onChange = useCallback(
    (rows: T[], tick: boolean) =>
      setSelected((current) => {
        const next = new Map(current);
        for (const row of rows) {
          if (tick) next.set(getId(row), getName(row));
          else next.delete(getId(row));
        }
        return next;
      }),
    [getId, getName],
  );

  const selection = useMemo<RowSelection<T>>(
    () => ({
      isSelected: (row) => selected.has(getId(row)),
      onChange,
      rowLabel: (row) => `Select ${getName(row)}`,
    }),
    [selected, getId, getName, onChange],
  );

  const clear = useCallback(() => setSelected(new Map()), []);
  return { selection, selected, clear };
}
