import { useEffect, useRef } from 'react';
import { NavLink } from 'react-router';
import { Icon } from '@/components/common/Icon/Icon';
import { useFocusTrap } from '@/components/common/Modal/useFocusTrap';
import { useAuth } from '@/hooks/useAuth';
import { usePublicSettings } from '@/services/settings';
import { cx } from '@/utils/styles';
import { NAVIGATION } from './navigation';

interface SidebarProps {
  /** The drawer is open (below the lg breakpoint; from lg up the sidebar is always shown). */
  mobileOpen: boolean;
  onClose: () => void;
}

function Brand() {
  // The company's own name and logo once set (public settings); simdesk's mark until then.
  const { data } = usePublicSettings();
  const name = data?.values?.['general.company_name'];
  const logo = data?.logo_url;
  return (
    <div className="flex h-16 shrink-0 items-center gap-2.5 px-5">
      {logo ? (
        <img src={logo} alt="" className="size-8 rounded-lg object-contain" />
      ) : (
        <span className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-white shadow-sm">
          <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
            <path d="M7 3h7l4 4v13a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z" />
            <rect x="9" y="11" width="6" height="6" rx="1" />
          </svg>
        </span>
      )}
      <span className="truncate text-lg font-semibold tracking-tight text-slate-900 dark:text-white">
        {typeof name === 'string' && name ? name : 'simdesk'}
      </span>
    </div>
  );
}

function NavList({ onNavigate }: { onNavigate?: () => void }) {
  const { can } = useAuth();
  const sections = NAVIGATION.map((section) => ({
    ...section,
    items: section.items.filter((item) => can(item.permission)),
  })).filter((section) => section.items.length > 0);

  return (
    <nav aria-label="Main" className="flex-1 space-y-6 overflow-y-auto px-3 py-4">
      {sections.map((section, index) => (
        <div key={section.title ?? index}>
          {section.title && (
            <h2 className="mb-1.5 px-3 text-xs font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
              {section.title}
            </h2>
          )}
          <ul className="space-y-0.5">
            {section.items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end
                  onClick={onNavigate}
                  className={({ isActive }) =>
                    cx(
                      'flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors',
                      isActive
                        ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300'
                        : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white',
                    )
                  }
                >
                  <Icon name={item.icon} className="size-5 shrink-0 opacity-80" />
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

export function Sidebar({ mobileOpen, onClose }: SidebarProps) {
  const drawer = useRef<HTMLDivElement>(null);
  useFocusTrap(drawer, mobileOpen);

  useEffect(() => {
    if (!mobileOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [mobileOpen, onClose]);

  return (
    <>
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white lg:block dark:border-slate-800 dark:bg-slate-900">
        <div className="sticky top-0 flex h-screen flex-col">
          <Brand />
          <NavList />
        </div>
      </aside>
      {mobileOpen && (
        <div className="fixed inset-0 z-40 lg:hidden">
          <div aria-hidden="true" className="absolute inset-0 bg-slate-900/50 dark:bg-black/60" onClick={onClose} />
          <div
            ref={drawer}
            id="mobile-navigation"
            role="dialog"
            aria-modal="true"
            aria-label="Navigation"
            className="relative flex h-full w-72 max-w-[85vw] flex-col bg-white shadow-xl dark:bg-slate-900"
          >
            <div className="flex items-center justify-between pr-3">
              <Brand />
              <button
                type="button"
                onClick={onClose}
                className="rounded-lg p-2 text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
              >
                <Icon name="close" label="Close navigation" />
              </button>
            </div>
            <NavList onNavigate={onClose} />
          </div>
        </div>
      )}
    </>
  );
}
