import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '@/components/common/Icon/Icon';
import { useDebounce } from '@/hooks/useDebounce';
import { inputClass, cx } from '@/utils/styles';

interface SearchFilterProps {
  label: string;
  value: string;
  /** Called once typing pauses for `delay` ms, not on every key. */
  onChange: (value: string) => void;
  placeholder?: string;
  delay?: number;
  inputMode?: 'text' | 'numeric' | 'decimal';
  className?: string;
  /** The magnifier; off for filters that are not searches (an amount…). */
  icon?: boolean;
}

export function SearchFilter({
  label,
  value,
  onChange,
  placeholder,
  delay = 350,
  inputMode = 'text',
  className,
  icon = true,
}: SearchFilterProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const debounced = useDebounce(text, delay);
  const committed = useRef(value);

  // The URL changed under us (back button, "clear filters"): show what it says.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    const next = debounced.trim();
    if (next !== committed.current) {
      committed.current = next;
      onChange(next);
    }
  }, [debounced, onChange]);

  return (
    <div className={cx('min-w-0', className)}>
      <label htmlFor={id} className="mb-1.5 block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <div className="relative">
        {icon && (
          <Icon
            name="search"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
          />
        )}
        <input
          id={id}
          type={icon ? 'search' : 'text'}
          inputMode={inputMode}
          autoComplete="off"
          className={cx(inputClass, icon && 'pl-9')}
          placeholder={placeholder}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
    </div>
  );
}
