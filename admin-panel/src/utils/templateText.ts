/**
 * Message text is a Jinja2 template (services/messaging/rendering.py): `{{ name }}` prints a
 * variable, `{% if name %}…{% endif %}` branches. The panel only catches the common slips; the
 * API parses the text and has the last word (syntax errors come back with their line).
 */

/** How a variable is written in a template. */
export const variableTag = (name: string) => `{{ ${name} }}`;

const TAGS = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;

/** Whether `text` reads the variable `name` in one of its `{{ }}` or `{% %}` tags. */
export function usesVariable(text: string, name: string): boolean {
  const word = new RegExp(`(^|[^\\w.'"])${name}(?![\\w'"])`);
  return [...text.matchAll(TAGS)].some((match) => word.test(match[1] ?? match[2] ?? ''));
}

/** A `{{ }}` that prints a name other than `allowed`, or a tag left open; null when neither. */
export function variableProblem(text: string, allowed: readonly string[]): string | null {
  for (const [tag, printed] of text.matchAll(TAGS)) {
    const name = printed?.match(/^-?\s*([A-Za-z_]\w*)/)?.[1];
    if (name && !allowed.includes(name)) {
      return `${tag} is not a variable: use ${allowed.map(variableTag).join(' or ')}.`;
    }
  }
  return /\{\{|\{%/.test(text.replace(TAGS, '')) ? 'A {{ or {% is not closed with }} or %}.' : null;
}

/** `text` with `insert` in place of the selection of `field` (or at its end), and where the caret goes after it. */
export function insertAtCursor(field: HTMLTextAreaElement | null, text: string, insert: string): [string, number] {
  const start = field?.selectionStart ?? text.length;
  const end = field?.selectionEnd ?? start;
  return [text.slice(0, start) + insert + text.slice(end), start + insert.length];
}
