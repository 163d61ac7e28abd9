import type { ReactNode } from 'react';

/** A cell value that, clicked, filters the list by it. */
export function FilterLink({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      title={label}
      className="rounded text-left text-indigo-700 decoration-indigo-300 underline-offset-2 hover:underline dark:text-indigo-300 dark:decoration-indigo-500"
    >
      {children}
    </button>
  );
}
