import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '@/api/errors';
import { Icon } from '@/components/common/Icon/Icon';
import { useDebounce } from '@/hooks/useDebounce';
import { hitPath, MIN_SEARCH_LENGTH, useGlobalSearch, type SearchHit } from '@/services/search';
import { cx } from '@/utils/styles';
import { MarkedText } from './Highlighted';

const TYPING_PAUSE_MS = 250;

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The header's search box: orders, app users, resellers, clients and tickets at once, as an
 * ARIA combobox. `/` focuses it from anywhere, arrows move through the hits, Enter opens one.
 */
export function GlobalSearch() {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const debounced = useDebounce(text, TYPING_PAUSE_MS);
  const results = useGlobalSearch(debounced);
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
      event.preventDefault();
      input.current?.focus();
    };
    const onPointer = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, []);

  useEffect(() => setActive(-1), [debounced]);

  const long = text.trim().length >= MIN_SEARCH_LENGTH;
  const groups = useMemo(
    () => (long && results.data ? results.data.groups.filter((group) => group.hits.length > 0) : []),
    [long, results.data],
  );
  const hits = useMemo(() => groups.flatMap((group) => group.hits), [groups]);
  const showPanel = open && long;
  const optionId = (index: number) => `${listId}-option-${index}`;

  function choose(hit: SearchHit) {
    setOpen(false);
    setText('');
    input.current?.blur();
    void navigate(hitPath(hit));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      const hit = hits[active] ?? (hits.length === 1 ? hits[0] : undefined);
      if (hit) {
        event.preventDefault();
        choose(hit);
      }
    } else if (event.key === 'Escape') {
      if (open && text) setOpen(false);
      else input.current?.blur();
    }
  }

  let status: string | null = null;
  if (showPanel && hits.length === 0) {
    if (results.isError) status = `Search failed: ${describeError(results.error)}`;
    else if (results.isFetching || debounced !== text) status = 'Searching…';
    else status = `Nothing matches “${text.trim()}”.`;
  }

  let index = -1;
  return (
    <div ref={root} className="relative min-w-0 flex-1 sm:max-w-md">
      <label htmlFor={`${listId}-input`} className="sr-only">
        Search orders, users, resellers, clients and tickets
      </label>
      <Icon
        name="search"
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
      />
      <input
        ref={input}
        id={`${listId}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={showPanel}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showPanel && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/"
        placeholder="Search…"
        value={text}
        maxLength={200}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        className="block w-full rounded-lg border border-slate-300 bg-white py-2 pr-10 pl-9 text-sm text-slate-900 placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      />
      <kbd className="pointer-events-none absolute top-1/2 right-2.5 hidden -translate-y-1/2 rounded border border-slate-300 px-1.5 text-xs text-slate-500 sm:block dark:border-slate-600 dark:text-slate-400">
        /
      </kbd>
      <div
        className={cx(
          'fixed inset-x-3 top-16 z-40 max-h-[70vh] overflow-y-auto rounded-xl border border-slate-200 bg-white shadow-xl sm:absolute sm:inset-x-auto sm:top-full sm:left-0 sm:mt-2 sm:w-[32rem] dark:border-slate-700 dark:bg-slate-900',
          !showPanel && 'hidden',
        )}
      >
        <div id={listId} role="listbox" aria-label="Search results">
          {groups.map((group) => (
            <div key={group.type} role="group" aria-labelledby={`${listId}-${group.type}`} className="py-1">
              <div
                id={`${listId}-${group.type}`}
                role="presentation"
                className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400"
              >
                {group.label}
                {group.has_more && <span className="ml-1 font-normal normal-case">(top {group.hits.length})</span>}
              </div>
              {group.hits.map((hit) => {
                index += 1;
                const mine = index;
                return (
                  <Link
                    key={`${hit.type}-${hit.id}`}
                    id={optionId(mine)}
                    role="option"
                    aria-selected={active === mine}
                    to={hitPath(hit)}
                    tabIndex={-1}
                    onMouseEnter={() => setActive(mine)}
                    onClick={(event) => {
                      event.preventDefault();
                      choose(hit);
                    }}
                    className={cx(
                      'block px-3 py-2 text-sm',
                      active === mine ? 'bg-indigo-50 dark:bg-indigo-500/15' : 'hover:bg-slate-50 dark:hover:bg-slate-800',
                    )}
                  >
                    <span className="block truncate font-medium text-slate-900 dark:text-white">
                      <MarkedText text={hit.title} highlights={hit.highlights} />
                    </span>
                    {hit.subtitle && (
                      <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                        {hit.subtitle.split(' · ').map((part, at) => (
                          <span key={at}>
                            {at > 0 && ' · '}
                            <MarkedText text={part} highlights={hit.highlights} />
                          </span>
                        ))}
                      </span>
                    )}
                  </Link>
                );
              })}
            </div>
          ))}
        </div>
        <p role="status" className={cx('px-3 text-sm text-slate-500 dark:text-slate-400', status ? 'py-3' : 'sr-only')}>
          {status ?? (showPanel ? `${hits.length} results` : '')}
          {results.isError && showPanel && hits.length === 0 && (
            <button
              type="button"
              onClick={() => void results.refetch()}
              className="ml-2 font-medium text-indigo-700 underline dark:text-indigo-300"
            >
              Retry
            </button>
          )}
        </p>
      </div>
    </div>
  );
}
