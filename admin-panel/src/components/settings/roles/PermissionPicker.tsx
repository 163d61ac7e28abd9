import { useEffect, useRef } from 'react';
import type { PermissionRead } from '@/api/types';
import { humanize } from '@/utils/format';
import { checkboxClass, cx } from '@/utils/styles';

interface PermissionPickerProps {
  catalogue: PermissionRead[];
  selected: Set<string>;
  onChange: (selected: Set<string>) => void;
  /** Whole picker read-only (no roles:manage, or a locked role). */
  readOnly?: boolean;
  /** Codes this user may not add or remove (they do not hold them). */
  locked?: (code: string) => boolean;
}

function groupOf(code: string): string {
  return code.split(':')[0] ?? code;
}

function GroupCheckbox({ label, state, disabled, onToggle }: { label: string; state: 'all' | 'some' | 'none'; disabled: boolean; onToggle: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <label className="flex items-center gap-2.5 text-sm font-semibold text-slate-900 dark:text-white">
      <input ref={ref} type="checkbox" className={checkboxClass} checked={state === 'all'} disabled={disabled} onChange={onToggle} />
      {label}
    </label>
  );
}

/** The permission catalogue grouped by resource (`orders:*`, `staff:*`…), as checkboxes. */
export function PermissionPicker({ catalogue, selected, onChange, readOnly, locked = () => false }: PermissionPickerProps) {
  const groups = new Map<string, PermissionRead[]>();
  for (const permission of catalogue) {
    const group = groupOf(permission.code);
    groups.set(group, [...(groups.get(group) ?? []), permission]);
  }

  function set(codes: string[], on: boolean) {
    const next = new Set(selected);
    for (const code of codes) {
      if (on) next.add(code);
      else next.delete(code);
    }
    onChange(next);
  }

  return (
    <div className="grid gap-4 md:grid-cols-2">
      {[...groups].map(([group, permissions]) => {
        const editable = permissions.filter((permission) => !locked(permission.code)).map((p) => p.code);
        const count = permissions.filter((permission) => selected.has(permission.code)).length;
        const state = count === 0 ? 'none' : count === permissions.length ? 'all' : 'some';
        return (
          <fieldset key={group} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <legend className="sr-only">{humanize(group)}</legend>
            <GroupCheckbox
              label={humanize(group)}
              state={state}
              disabled={readOnly || editable.length === 0}
              onToggle={() => set(editable, state !== 'all')}
            />
            <ul className="mt-3 space-y-2 pl-1">
              {permissions.map((permission) => {
                const disabled = readOnly || locked(permission.code);
                return (
                  <li key={permission.code}>
                    <label className={cx('flex items-start gap-2.5 text-sm', disabled ? 'cursor-not-allowed' : 'cursor-pointer')}>
                      <input
                        type="checkbox"
                        className={`${checkboxClass} mt-0.5`}
                        checked={selected.has(permission.code)}
                        disabled={disabled}
                        onChange={(event) => set([permission.code], event.target.checked)}
                      />
                      <span>
                        <code className="font-mono text-xs text-slate-800 dark:text-slate-200">{permission.code}</code>
                        <span className="block text-xs text-slate-500 dark:text-slate-400">{permission.description}</span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
    </div>
  );
}
