import { useEffect, useMemo, useRef } from 'react';
import { describeError, isApiError } from '@/api/errors';
import type { SortState } from '@/components/common/DataTable/types';
import { type SavedViewRead, useDeleteView, useSavedViewList, useSaveView } from '@/services/savedViews';
import { type ListView, parseSort, sortParam } from './useListParams';

export interface SavedView extends ListView {
  id: number;
  name: string;
}

export const MAX_VIEW_NAME = 60;

export interface SavedViews {
  views: SavedView[];
  loading: boolean;
  /** Why the views could not be loaded, or null. */
  loadError: string | null;
  /** Saves `view` as `name`, replacing a view of that name; answers why not, or null once saved. */
  save: (name: string, view: ListView) => Promise<string | null>;
  /** Answers why the view could not be deleted, or null once deleted. */
  remove: (view: SavedView) => Promise<string | null>;
}

/** The filters that are set: an unset one is no part of a view. */
function setFilters(filters: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
}

/** A view as the API keeps it: the list's URL query parameters, filters and `sort`. */
function toParams({ filters, sort }: ListView): Record<string, string> {
  const param = sortParam(sort);
  return param ? { ...setFilters(filters), sort: param } : setFilters(filters);
}

function fromRead({ id, name, params: { sort, ...filters } }: SavedViewRead): SavedView {
  return { id, name, filters, sort: parseSort(sort) };
}

/** Whether `view` holds exactly these filters and this sort. */
export function showsView(view: ListView, current: ListView): boolean {
  const mine = setFilters(view.filters);
  const theirs = setFilters(current.filters);
  return (
    Object.keys(mine).length === Object.keys(theirs).length &&
    Object.entries(mine).every(([name, value]) => theirs[name] === value) &&
    view.sort?.id === current.sort?.id &&
    view.sort?.direction === current.sort?.direction
  );
}

/**
 * A list's saved views (filters and sort under a name), kept with the signed-in account so they
 * follow the person to any browser. The API replaces a view saved under a name the list has.
 */
export function useSavedViews(accountId: number, listId: string): SavedViews {
  const list = useSavedViewList(listId);
  const saveView = useSaveView();
  const deleteView = useDeleteView(listId);
  useMoveBrowserViews(accountId, listId, list.data);
  const views = useMemo(() => list.data?.map(fromRead) ?? [], [list.data]);

  return {
    views,
    loading: list.isPending,
    loadError: list.isError ? describeError(list.error) : null,
    async save(rawName, view) {
      const name = rawName.trim();
      if (!name) return 'Name the view.';
      if (name.length > MAX_VIEW_NAME) return `Keep the name to ${MAX_VIEW_NAME} characters.`;
      const params = toParams(view);
      if (Object.keys(params).length === 0) return 'Set a filter or a sort first: there is nothing to save.';
      try {
        await saveView.mutateAsync({ list_key: listId, name, params });
        return null;
      } catch (error) {
        return describeError(error);
      }
    },
    async remove(view) {
      try {
        await deleteView.mutateAsync(view.id);
        return null;
      } catch (error) {
        return describeError(error);
      }
    },
  };
}

// --- views this browser kept before they moved to the account ------------------------------

function isSort(value: unknown): value is SortState {
  if (!value || typeof value !== 'object') return false;
  const { id, direction } = value as Record<string, unknown>;
  return typeof id === 'string' && (direction === 'asc' || direction === 'desc');
}

function isBrowserView(value: unknown): value is ListView & { name: string } {
  if (!value || typeof value !== 'object') return false;
  const { name, filters, sort } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    !!filters &&
    typeof filters === 'object' &&
    Object.values(filters).every((filter) => typeof filter === 'string') &&
    (sort === null || isSort(sort))
  );
}

function readBrowserViews(key: string): Array<ListView & { name: string }> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(stored) ? stored.filter(isBrowserView) : [];
  } catch {
    return [];
  }
}

/**
 * Moves the views an older panel kept in this browser's localStorage to the account, once: each
 * is saved unless the account already has a view of that name, then the browser's copy is
 * removed. Kept for the next visit only when the server could not be reached; a view the API
 * refuses (too many, too large) is dropped. Once per list while the views are on show.
 */
function useMoveBrowserViews(accountId: number, listId: string, saved: SavedViewRead[] | undefined) {
  const { mutateAsync: save } = useSaveView();
  const moving = useRef<string | null>(null);
  useEffect(() => {
    const key = `simdesk.views.${accountId}.${listId}`;
    if (!saved || moving.current === key || localStorage.getItem(key) === null) return;
    moving.current = key;
    const taken = new Set(saved.map((view) => view.name.toLocaleLowerCase()));
    const views = readBrowserViews(key).filter((view) => !taken.has(view.name.trim().toLocaleLowerCase()));
    void (async () => {
      let unreachable = false;
      // One at a time, so they keep their order.
      for (const view of views) {
        try {
          await save({ list_key: listId, name: view.name.trim(), params: toParams(view) });
        } catch (error) {
          unreachable ||= !isApiError(error) || error.isServerError;
        }
      }
      if (!unreachable) localStorage.removeItem(key);
    })();
  }, [accountId, listId, saved, save]);
}
