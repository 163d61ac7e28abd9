import { createContext, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { Toasts } from '@/components/common/Toasts/Toasts';

export type ToastTone = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
  /** Shown with errors so people can quote it to support. */
  requestId?: string | null;
}

export interface NotificationState {
  notify: (tone: ToastTone, message: string, requestId?: string | null) => void;
  dismiss: (id: number) => void;
}

export const NotificationContext = createContext<NotificationState | null>(null);

const TIMEOUT_MS = { success: 4000, info: 5000, error: 9000 } as const;

export function NotificationProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const notify = useCallback(
    (tone: ToastTone, message: string, requestId?: string | null) => {
      const id = nextId.current++;
      setToasts((current) => [...current.slice(-3), { id, tone, message, requestId }]);
      window.setTimeout(() => dismiss(id), TIMEOUT_MS[tone]);
    },
    [dismiss],
  );

  const value = useMemo(() => ({ notify, dismiss }), [notify, dismiss]);
  return (
    <NotificationContext.Provider value={value}>
      {children}
      <Toasts toasts={toasts} onDismiss={dismiss} />
    </NotificationContext.Provider>
  );
}
