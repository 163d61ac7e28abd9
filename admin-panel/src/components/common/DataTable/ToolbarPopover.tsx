import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import type { IconName } from '@/components/common/Icon/Icon';

interface ToolbarPopoverProps {
  label: string;
  icon: IconName;
  /** The panel's content; `close` puts it away and gives the focus back to the button. */
  children: (close: () => void) => ReactNode;
}

/**
 * A button beside a table's toolbar that opens a small panel below it (the column picker, saved
 * views). A click outside or Escape closes it; opening it focuses its first control. The panel
 * lines up with the right edge of the nearest positioned ancestor (the row of table tools), so
 * a button that is not the rightmost cannot push it off a phone's screen.
 */
export function ToolbarPopover({ label, icon, children }: ToolbarPopoverProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

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
    document.getElementById(panelId)?.querySelector<HTMLElement>('input, button')?.focus();
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, panelId]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div ref={root}>
      <ActionButton
        ref={button}
        variant="secondary"
        icon={icon}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
      </ActionButton>
      {open && (
        <div
          id={panelId}
          className="absolute right-0 z-30 mt-2 w-64 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-900/10 dark:bg-slate-800 dark:ring-white/10"
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}
