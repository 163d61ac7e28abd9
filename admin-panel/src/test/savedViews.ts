import type { components } from '@/api/schema';
import type { SavedViewRead } from '@/services/savedViews';
import { envelope, json } from './http';

type SavedViewCreate = components['schemas']['SavedViewCreate'];

const BASE = '/api/auth/user/saved-views/';

/**
 * The saved-views endpoints over an in-memory list, as the API behaves: a view saved under a
 * name its list has (in any letter case) replaces that one. `handle` answers null for any other URL.
 */
export function savedViewsApi(initial: SavedViewCreate[] = []) {
  const views: SavedViewRead[] = [];
  let nextId = 1;
  const add = ({ list_key, name, params }: SavedViewCreate): SavedViewRead => {
    const view = { id: nextId++, list_key, name, params, created_at: '2026-05-01T10:00:00Z', updated_at: '2026-05-01T10:00:00Z' };
    views.push(view);
    return view;
  };
  initial.forEach(add);

  function handle(url: string, init: RequestInit): Response | null {
    const { pathname, searchParams } = new URL(url, 'http://panel.test');
    if (!pathname.startsWith(BASE)) return null;
    const method = init.method ?? 'GET';
    if (method === 'GET') return json(200, views.filter((view) => view.list_key === searchParams.get('list')));
    if (method === 'POST') {
      const body = JSON.parse(String(init.body)) as SavedViewCreate;
      const same = views.find((view) => view.list_key === body.list_key && view.name.toLowerCase() === body.name.toLowerCase());
      if (!same) return json(201, add(body));
      Object.assign(same, { name: body.name, params: body.params });
      return json(200, same);
    }
    if (method === 'DELETE') {
      const at = views.findIndex((view) => pathname === `${BASE}${view.id}/`);
      if (at < 0) return envelope(404, 'not_found', 'No such saved view.');
      views.splice(at, 1);
      return json(204, null);
    }
    return null;
  }

  return { views, handle };
}
