import { cx } from '@/utils/styles';

interface LoadingSpinnerProps {
  label?: string;
  size?: 'sm' | 'md' | 'lg';
  /** Centre it in the whole viewport (route loading, session check). */
  fullPage?: boolean;
  className?: string;
}

const SIZES = { sm: 'size-4 border-2', md: 'size-6 border-2', lg: 'size-10 border-[3px]' };

export function LoadingSpinner({ label = 'Loading…', size = 'md', fullPage, className }: LoadingSpinnerProps) {
  const spinner = (
    <span role="status" className={cx('inline-flex items-center gap-3', className)}>
      <span
        aria-hidden="true"
        className={cx(
          'animate-spin rounded-full border-indigo-600 border-t-transparent dark:border-indigo-400 dark:border-t-transparent',
          SIZES[size],
        )}
      />
      <span className={size === 'sm' ? 'sr-only' : 'text-sm text-slate-500 dark:text-slate-400'}>
        {label}
      </span>
    </span>
  );
  if (!fullPage) return spinner;
  return <div className="flex min-h-[60vh] items-center justify-center">{spinner}</div>;
}
