import { describeError, isApiError } from '@/api/errors';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Icon } from '@/components/common/Icon/Icon';
import { cx } from '@/utils/styles';

interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  className?: string;
}

/** What people see instead of a blank page: what went wrong, the request id, a way to retry. */
export function ErrorState({ error, title, onRetry, className }: ErrorStateProps) {
  const apiError = isApiError(error) ? error : null;
  const heading =
    title ??
    (apiError?.status === 403
      ? 'You do not have access to this'
      : apiError && !apiError.isServerError
        ? 'This could not be loaded'
        : 'Something went wrong on our side');
  return (
    <div
      role="alert"
      className={cx(
        'flex flex-col items-center rounded-xl border border-red-200 bg-red-50/60 px-6 py-10 text-center dark:border-red-900/60 dark:bg-red-950/30',
        className,
      )}
    >
      <span className="flex size-11 items-center justify-center rounded-full bg-red-100 text-red-600 dark:bg-red-900/50 dark:text-red-300">
        <Icon name="alert" />
      </span>
      <h2 className="mt-4 text-base font-semibold text-slate-900 dark:text-white">{heading}</h2>
      <p className="mt-1 max-w-md text-sm text-slate-600 dark:text-slate-300">{describeError(error)}</p>
      {apiError?.requestId && (
        <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
          Request id{' '}
          <code className="rounded bg-white px-1.5 py-0.5 font-mono text-slate-700 ring-1 ring-slate-200 select-all dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-700">
            {apiError.requestId}
          </code>
        </p>
      )}
      {onRetry && (
        <ActionButton variant="secondary" className="mt-5" onClick={onRetry}>
          Try again
        </ActionButton>
      )}
    </div>
  );
}
