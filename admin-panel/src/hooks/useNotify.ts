import { useCallback, useContext } from 'react';
import { describeError, isApiError } from '@/api/errors';
import { NotificationContext, type NotificationState } from '@/context/NotificationContext';

export function useNotify(): NotificationState & { notifyError: (error: unknown) => void } {
  const context = useContext(NotificationContext);
  if (!context) throw new Error('useNotify must be used inside <NotificationProvider>');
  const { notify } = context;
  const notifyError = useCallback(
    (error: unknown) =>
      notify('error', describeError(error), isApiError(error) ? error.requestId : null),
    [notify],
  );
  return { ...context, notifyError };
}
