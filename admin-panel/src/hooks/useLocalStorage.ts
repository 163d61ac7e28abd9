import { useCallback, useState } from 'react';

function read<T>(key: string, initial: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? initial : (JSON.parse(raw) as T);
  } catch {
    return initial;
  }
}

/**
 * State remembered in localStorage under `key` (JSON), falling back to `initial`. When the key
 * changes (another account signs in, another list), the value remembered under the new key is read.
 */
export function useLocalStorage<T>(key: string, initial: T): [T, (value: T) => void] {
  const [state, setState] = useState(() => ({ key, value: read(key, initial) }));
  let current = state;
  if (state.key !== key) {
    current = { key, value: read(key, initial) };
    setState(current);
  }
  const store = useCallback(
    (next: T) => {
      setState({ key, value: next });
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        /* storage blocked or full: keep the value for this page only */
      }
    },
    [key],
  );
  return [current.value, store];
}
