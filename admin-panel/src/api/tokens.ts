/**
 * Where the tokens live: the access token only in memory (a script injected later cannot read
 * it from storage), the refresh token in localStorage when "remember me" was ticked, otherwise
 * in sessionStorage so that it ends with the tab.
 */
const REFRESH_KEY = 'simdesk.refresh';

let accessToken: string | null = null;

function stores(): Storage[] {
  try {
    return [window.localStorage, window.sessionStorage];
  } catch {
    return [];
  }
}

export const tokens = {
  access(): string | null {
    return accessToken;
  },
  refresh(): string | null {
    for (const store of stores()) {
      const value = store.getItem(REFRESH_KEY);
      if (value) return value;
    }
    return null;
  },
  /** Whether the refresh token survives the tab (remember me). */
  remembered(): boolean {
    return stores()[0]?.getItem(REFRESH_KEY) != null;
  },
  save(access: string, refresh: string, remember: boolean): void {
    accessToken = access;
    const [local, session] = stores();
    const keep = remember ? local : session;
    const drop = remember ? session : local;
    drop?.removeItem(REFRESH_KEY);
    keep?.setItem(REFRESH_KEY, refresh);
  },
  clear(): void {
    accessToken = null;
    for (const store of stores()) store.removeItem(REFRESH_KEY);
  },
};
