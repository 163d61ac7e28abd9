import type { Toast } from '@/context/NotificationContext';
import { Icon } from '@/components/common/Icon/Icon';
import { cx } from '@/utils/styles';

const TONES = {
  success: { icon: 'check', className: 'text-emerald-600 dark:text-emerald-400' },
  error: { icon: 'alert', className: 'text-red-600 dark:text-red-400' },
  info: { icon: 'info', className: 'text-indigo-600 dark:text-indigo-400' },
} as const;

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 sm:items-end"
    >
      {toasts.map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl bg-white p-4 shadow-lg ring-1 ring-slate-900/10 dark:bg-slate-800 dark:ring-white/10"
        >
          <Icon name={TONES[toast.tone].icon} className={cx('mt-0.5 size-5 shrink-0', TONES[toast.tone].className)} />
          <div className="min-w-0 flex-1 text-sm">
            <p className="text-slate-800 dark:text-slate-100">{toast.message}</p>
            {toast.requestId && (
              <p className="mt-1 font-mono text-xs text-slate-500 select-all dark:text-slate-400">
                Request id {toast.requestId}
              </p>
            )}
          </div>
          <button
            type="button"
            onClick={() => onDismiss(toast.id)}
            className="-m-1 rounded-md p-1 text-slate-400 hover:text-slate-600 dark:hover:text-slate-200"
          >
            <Icon name="close" className="size-4" label="Dismiss" />
          </button>
        </div>
      ))}
    </div>
  );
}
