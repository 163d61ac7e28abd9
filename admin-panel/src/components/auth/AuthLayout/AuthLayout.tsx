import type { ReactNode } from 'react';
import { ThemeToggle } from '@/components/common/ThemeToggle/ThemeToggle';

interface AuthLayoutProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of the signed-out screens: brand, a card, the theme toggle. */
export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  return (
    <div className="relative flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-indigo-50 via-slate-50 to-slate-50 px-4 py-10 dark:from-indigo-950/40 dark:via-slate-950 dark:to-slate-950">
      <ThemeToggle className="absolute top-4 right-4" />
      <main className="w-full max-w-md">
        <div className="mb-8 flex flex-col items-center text-center">
          <span className="flex size-12 items-center justify-center rounded-xl bg-indigo-600 text-white shadow-lg shadow-indigo-600/20">
            <svg viewBox="0 0 24 24" className="size-7" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
              <path d="M7 3h7l4 4v13a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z" />
              <rect x="9" y="11" width="6" height="6" rx="1" />
            </svg>
          </span>
          <p className="mt-3 text-sm font-semibold tracking-wide text-indigo-600 dark:text-indigo-400">simdesk</p>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{title}</h1>
          {subtitle && <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{subtitle}</p>}
        </div>
        <div className="rounded-2xl bg-white p-6 shadow-xl ring-1 shadow-slate-900/5 ring-slate-900/5 sm:p-8 dark:bg-slate-900 dark:ring-white/10">
          {children}
        </div>
        {footer && <div className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">{footer}</div>}
      </main>
    </div>
  );
}
