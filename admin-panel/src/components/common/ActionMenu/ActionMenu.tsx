import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { Icon, type IconName } from '@/components/common/Icon/Icon';
import { cx } from '@/utils/styles';

export interface MenuAction {
  label: string;
  icon?: IconName;
  tone?: 'danger';
  onSelect: () => void;
  disabled?: boolean;
}

interface ActionMenuProps {
  /** Names the button for screen readers, e.g. "Actions for Ada Lovelace". */
  label: string;
  actions: MenuAction[];
  /** A visible button (icon and text, like a secondary ActionButton) instead of the "more" icon. */
  text?: { label: string; icon: IconName; busy?: boolean };
}

/**
 * A row's actions behind one button. The menu is portalled to <body> with fixed coordinates, so
 * a table's horizontal scroll container cannot clip it.
 */
export function ActionMenu({ label, actions, text }: ActionMenuProps) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState({ top: 0, right: 0 });
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useLayoutEffect(() => {
    if (!open || !button.current) return;
    const rect = button.current.getBoundingClientRect();
    const height = menu.current?.offsetHeight ?? 0;
    const below = rect.bottom + 4 + height <= window.innerHeight;
    setPosition({ top: below ? rect.bottom + 4 : Math.max(8, rect.top - 4 - height), right: window.innerWidth - rect.right });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const close = () => setOpen(false);
    const onPointer = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) close();
    };
    document.addEventListener('mousedown', onPointer);
    window.addEventListener('resize', close);
    window.addEventListener('scroll', close, true);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      window.removeEventListener('resize', close);
      window.removeEventListener('scroll', close, true);
    };
  }, [open]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  }

  if (actions.length === 0) return null;
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        aria-label={text ? label : undefined}
        aria-busy={text?.busy || undefined}
        disabled={text?.busy}
        className={
          text
            ? 'inline-flex h-10 shrink-0 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium whitespace-nowrap text-slate-700 shadow-xs hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800'
            : 'rounded-lg p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white'
        }
      >
        {text ? (
          <>
            <Icon name={text.icon} className="size-4" />
            {text.label}
            <Icon name="chevronDown" className="size-4" />
          </>
        ) : (
          <Icon name="more" label={label} />
        )}
      </button>
      {open &&
        createPortal(
          <div
            ref={menu}
            id={menuId}
            role="menu"
            aria-label={label}
            onKeyDown={onKeyDown}
            style={{ top: position.top, right: position.right }}
            className="fixed z-50 w-56 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-900/10 dark:bg-slate-800 dark:ring-white/10"
          >
            {actions.map((action) => (
              <button
                key={action.label}
                type="button"
                role="menuitem"
                disabled={action.disabled}
                onClick={() => {
                  setOpen(false);
                  button.current?.focus();
                  action.onSelect();
                }}
                className={cx(
                  'flex w-full items-center gap-2.5 rounded-lg px-3 py-2 text-left text-sm focus:outline-none disabled:cursor-not-allowed disabled:opacity-50',
                  action.tone === 'danger'
                    ? 'text-red-600 hover:bg-red-50 focus:bg-red-50 dark:text-red-400 dark:hover:bg-red-500/10 dark:focus:bg-red-500/10'
                    : 'text-slate-700 hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-700/60 dark:focus:bg-slate-700/60',
                )}
              >
                {action.icon && <Icon name={action.icon} className="size-4" />}
                {action.label}
              </button>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}
