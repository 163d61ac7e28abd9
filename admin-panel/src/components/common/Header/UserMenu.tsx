import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { Profile } from '@/api/types';
import { Icon } from '@/components/common/Icon/Icon';
import { fullName, humanize, initials } from '@/utils/format';

interface UserMenuProps {
  user: Profile;
  onLogout: () => void;
}

const itemClass =
  'flex w-full items-center gap-2.5 rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:text-slate-200 dark:hover:bg-slate-700/60 dark:focus:bg-slate-700/60';

export function UserMenu({ user, onLogout }: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      setOpen(false);
      if (event.key === 'Escape') button.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  }

  return (
    <div ref={root} className="relative" onKeyDown={open ? onMenuKey : undefined}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2.5 rounded-lg p-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-200"
        >
          {initials(user)}
        </span>
        <span className="hidden text-left sm:block">
          <span className="block text-sm leading-tight font-medium text-slate-900 dark:text-white">{fullName(user)}</span>
          <span className="block text-xs leading-tight text-slate-500 dark:text-slate-400">{humanize(user.role)}</span>
        </span>
        <span className="sr-only sm:hidden">Account menu for {fullName(user)}</span>
        <Icon name="chevronDown" className="hidden size-4 text-slate-400 sm:block" />
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="Account"
          className="absolute right-0 z-40 mt-2 w-60 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-900/10 dark:bg-slate-800 dark:ring-white/10"
        >
          <div className="border-b border-slate-100 px-3 pt-1.5 pb-2.5 dark:border-slate-700">
            <p className="truncate text-sm font-medium text-slate-900 dark:text-white">{fullName(user)}</p>
            <p className="truncate text-xs text-slate-500 dark:text-slate-400">{user.email}</p>
          </div>
          <div className="pt-1.5">
            <Link to="/settings" role="menuitem" className={itemClass} onClick={() => setOpen(false)}>
              <Icon name="user" className="size-4" />
              My account
            </Link>
            <button
              type="button"
              role="menuitem"
              className={itemClass}
              onClick={() => {
                setOpen(false);
                onLogout();
              }}
            >
              <Icon name="logout" className="size-4" />
              Log out
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
