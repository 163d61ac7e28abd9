import { useCallback, useState } from 'react';

/** State remembered in localStorage under `key` (JSON), falling back to `initial`. */
export function useLocalStorage<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      return raw === null ? initial : (JSON.parse(raw) as T);
    } catch {
      return initial;
    }
  });
  const store = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        /* storage blocked or full: keep the value for this page only */
      }
    },
    [key],
  );
  return [value, store];
}
