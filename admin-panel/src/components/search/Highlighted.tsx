import type { ReactNode } from 'react';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" };

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** The plain text of an API highlight (HTML-escaped, matches in `<mark>`). */
export function highlightText(marked: string): string {
  return unescape(marked.replace(/<\/?mark>/g, ''));
}

/**
 * An API highlight as React nodes. Parsed rather than injected as HTML: only `<mark>` becomes
 * markup, whatever else the string holds stays text.
 */
export function Highlighted({ marked }: { marked: string }) {
  const parts: ReactNode[] = [];
  marked.split(/(<mark>.*?<\/mark>)/).forEach((part, index) => {
    if (!part) return;
    const match = /^<mark>(.*)<\/mark>$/.exec(part);
    parts.push(
      match ? (
        <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-500/40">
          {unescape(match[1] ?? '')}
        </mark>
      ) : (
        unescape(part)
      ),
    );
  });
  return <>{parts}</>;
}

/** `text`, with its matched words marked when one of the hit's highlights is that text. */
export function MarkedText({ text, highlights }: { text: string; highlights: Record<string, string> }) {
  const marked = Object.values(highlights).find((value) => highlightText(value) === text);
  return marked ? <Highlighted marked={marked} /> : <>{text}</>;
}
