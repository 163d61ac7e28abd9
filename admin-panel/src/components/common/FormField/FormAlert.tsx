import type { ReactNode } from 'react';
import { Icon } from '@/components/common/Icon/Icon';
import { cx } from '@/utils/styles';

interface FormAlertProps {
  tone?: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  className?: string;
}

const TONES = {
  error: ['alert', 'border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200'],
  success: ['check', 'border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200'],
  info: ['info', 'border-indigo-200 bg-indigo-50 text-indigo-800 dark:border-indigo-900/60 dark:bg-indigo-950/40 dark:text-indigo-200'],
  warning: ['alert', 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200'],
} as const;

/** A message about the whole form (a refused login, a sent email…). */
export function FormAlert({ tone = 'error', children, className }: FormAlertProps) {
  const [icon, classes] = TONES[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cx('flex gap-2.5 rounded-lg border px-3.5 py-3 text-sm', classes, className)}
    >
      <Icon name={icon} className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
