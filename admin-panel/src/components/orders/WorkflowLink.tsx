import { Icon } from '@/components/common/Icon/Icon';

/** Only http(s): the URL comes from the API, and a `javascript:` link must never be rendered. */
function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The order's fulfilment process in the Temporal UI, when the API names one. */
export function WorkflowLink({ url }: { url: string | null | undefined }) {
  const href = safeUrl(url);
  if (!href) return null;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="inline-flex h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium whitespace-nowrap text-slate-700 shadow-xs hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <Icon name="activity" className="size-[18px]" />
      View workflow in Temporal UI
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  );
}
