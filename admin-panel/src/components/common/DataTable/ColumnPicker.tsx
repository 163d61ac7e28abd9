import { useEffect, useId, useRef, useState } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { checkboxClass } from '@/utils/styles';
import type { Column } from './types';

interface ColumnPickerProps<T> {
  columns: Column<T>[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}

export function ColumnPicker<T>({ columns, hidden, onChange }: ColumnPickerProps<T>) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const choices = columns.filter((column) => !column.alwaysVisible);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    root.current?.querySelector<HTMLInputElement>('input')?.focus();
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (choices.length === 0) return null;
  const toggle = (id: string) =>
    onChange(hidden.includes(id) ? hidden.filter((name) => name !== id) : [...hidden, id]);

  return (
    <div ref={root} className="relative">
      <ActionButton
        ref={button}
        variant="secondary"
        icon="columns"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        Columns
      </ActionButton>
      {open && (
        <fieldset
          id={panelId}
          className="absolute right-0 z-30 mt-2 w-56 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-900/10 dark:bg-slate-800 dark:ring-white/10"
        >
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
    </div>
  );
}
