import { useId, useRef, useState, type FormEvent } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Icon } from '@/components/common/Icon/Icon';
import { useAuth } from '@/hooks/useAuth';
import type { ListView } from '@/hooks/useListParams';
import { MAX_VIEW_NAME, type SavedView, showsView, useSavedViews } from '@/hooks/useSavedViews';
import { cx, inputClass } from '@/utils/styles';
import { ToolbarPopover } from './ToolbarPopover';

interface SavedViewsProps {
  /** Names the list the views belong to (the table's id). */
  listId: string;
  /** The list's filters and sort now. */
  current: ListView;
  onShow: (view: ListView) => void;
}

/** The signed-in user's saved views of a list: show one, save the current one, delete one. */
export function SavedViews({ onShow, ...props }: SavedViewsProps) {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <ToolbarPopover label="Views" icon="eye">
      {(close) => (
        <SavedViewsPanel
          accountId={user.id}
          {...props}
          onShow={(view) => {
            onShow(view);
            close();
          }}
        />
      )}
    </ToolbarPopover>
  );
}

function SavedViewsPanel({ accountId, listId, current, onShow }: SavedViewsProps & { accountId: number }) {
  const { views, loading, loadError, save, remove } = useSavedViews(accountId, listId);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const id = useId();
  const nameInput = useRef<HTMLInputElement>(null);

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const refused = await save(name, current);
    setSaving(false);
    setProblem(refused);
    setStatus(refused ? '' : `Saved “${name.trim()}”.`);
    if (!refused) setName('');
  };

  const onDelete = async (view: SavedView) => {
    // Said in the status line: the name field's alert is about the name.
    setStatus((await remove(view)) ?? `Deleted “${view.name}”.`);
    // The button goes with the view: keep the focus in the panel.
    nameInput.current?.focus();
  };

  return (
    <div className="space-y-3">
      {loading ? (
        <p className="px-2 pt-1 text-sm text-slate-500 dark:text-slate-400">Loading saved views…</p>
      ) : loadError ? (
        <p role="alert" className="px-2 pt-1 text-sm text-red-600 dark:text-red-400">
          Your saved views could not be loaded. {loadError}
        </p>
      ) : views.length === 0 ? (
        <p className="px-2 pt-1 text-sm text-slate-500 dark:text-slate-400">No saved views yet.</p>
      ) : (
        <ul aria-label="Saved views" className="max-h-60 space-y-0.5 overflow-y-auto">
          {views.map((view) => {
            const shown = showsView(view, current);
            return (
              <li key={view.id} className="flex items-center gap-1">
                <button
                  type="button"
                  aria-current={shown || undefined}
                  onClick={() => onShow(view)}
                  className={cx(
                    'flex min-w-0 flex-1 items-center gap-2 rounded-lg px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-700/60',
                    shown ? 'font-medium text-indigo-700 dark:text-indigo-300' : 'text-slate-700 dark:text-slate-200',
                  )}
                >
                  <span className="truncate">{view.name}</span>
                  {shown && <Icon name="check" className="size-4 shrink-0" />}
                </button>
                <button
                  type="button"
                  aria-label={`Delete the view “${view.name}”`}
                  onClick={() => void onDelete(view)}
                  className="rounded-lg p-1.5 text-slate-400 hover:bg-red-50 hover:text-red-600 dark:hover:bg-red-500/10 dark:hover:text-red-400"
                >
                  <Icon name="trash" className="size-4" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form onSubmit={(event) => void onSave(event)} noValidate className="space-y-2 border-t border-slate-200 px-2 pt-3 dark:border-slate-700">
        <label htmlFor={`${id}-name`} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
          Save these filters and sort as
        </label>
        <div className="flex gap-2">
          <input
            ref={nameInput}
            id={`${id}-name`}
            className={inputClass}
            value={name}
            maxLength={MAX_VIEW_NAME}
            placeholder="e.g. Unpaid this week"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          <ActionButton type="submit" variant="secondary" loading={saving}>
            Save
          </ActionButton>
        </div>
        {problem && (
          <p id={`${id}-problem`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {problem}
          </p>
        )}
        <p role="status" className="text-xs text-slate-500 empty:hidden dark:text-slate-400">
          {status}
        </p>
      </form>
    </div>
  );
}
