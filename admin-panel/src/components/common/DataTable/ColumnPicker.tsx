import { checkboxClass } from '@/utils/styles';
import { ToolbarPopover } from './ToolbarPopover';
import type { Column } from './types';

interface ColumnPickerProps<T> {
  columns: Column<T>[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}

export function ColumnPicker<T>({ columns, hidden, onChange }: ColumnPickerProps<T>) {
  const choices = columns.filter((column) => !column.alwaysVisible);
  if (choices.length === 0) return null;
  const toggle = (id: string) =>
    onChange(hidden.includes(id) ? hidden.filter((name) => name !== id) : [...hidden, id]);

  return (
    <ToolbarPopover label="Columns" icon="columns">
      {() => (
        <fieldset>
          <legend className="sr-only">Visible columns</legend>
          {choices.map((column) => (
            <label
              key={column.id}
              className="flex cursor-pointer items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-700/60"
            >
              <input
                type="checkbox"
                className={checkboxClass}
                checked={!hidden.includes(column.id)}
                onChange={() => toggle(column.id)}
              />
              {column.header}
            </label>
          ))}
        </fieldset>
      )}
    </ToolbarPopover>
  );
}
