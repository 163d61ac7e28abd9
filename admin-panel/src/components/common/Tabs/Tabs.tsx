import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { cx } from '@/utils/styles';

export interface TabItem {
  id: string;
  label: string;
  /** Rendered only while the tab is selected, so a hidden tab fetches nothing. */
  content: ReactNode;
}

interface TabsProps {
  /** Names the tab list for screen readers. */
  label: string;
  tabs: TabItem[];
}

/**
 * Tabs whose choice lives in the URL (`?tab=clients`), so a reload or a shared link opens the
 * same one. Arrow keys, Home and End move between tabs, as the ARIA tabs pattern expects.
 */
export function Tabs({ label, tabs }: TabsProps) {
  const [params, setParams] = useSearchParams();
  const baseId = useId();
  const list = useRef<HTMLDivElement>(null);
  const selected = tabs.find((tab) => tab.id === params.get('tab')) ?? tabs[0];
  if (!selected) return null;

  function select(id: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === tabs[0]?.id) next.delete('tab');
        else next.set('tab', id);
        return next;
      },
      { replace: true },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.id === selected?.id);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const target = tabs[((moves[event.key] ?? 0) + tabs.length) % tabs.length];
    if (!target) return;
    select(target.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(`${baseId}-${target.id}-tab`)}`)?.focus();
  }

  return (
    <div>
      <div
        ref={list}
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
        className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800"
      >
        {tabs.map((tab) => {
          const active = tab.id === selected.id;
          return (
            <button
              key={tab.id}
              id={`${baseId}-${tab.id}-tab`}
              type="button"
              role="tab"
              aria-selected={active}
              aria-controls={`${baseId}-${tab.id}-panel`}
              tabIndex={active ? 0 : -1}
              onClick={() => select(tab.id)}
              className={cx(
                '-mb-px border-b-2 px-4 py-2.5 text-sm font-medium whitespace-nowrap transition-colors',
                active
                  ? 'border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300'
                  : 'border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-slate-200',
              )}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {/* Keyed: two tabs showing the same component (two tables) must not share its state. */}
      <div
        key={selected.id}
        id={`${baseId}-${selected.id}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-${selected.id}-tab`}
        className="pt-4"
      >
        {selected.content}
      </div>
    </div>
  );
}
