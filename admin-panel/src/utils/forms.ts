import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { describeError, isApiError } from '@/api/errors';

/**
 * Shows an API failure on the form: each field error under its field (when the form has that
 * field), everything else as the form's own message. Returns that form-level message, if any.
 */
export function applyApiErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  /** The form edits a nested object of the request body, e.g. `preferences.`. */
  prefix = '',
): string | null {
  if (!isApiError(error)) return describeError(error);
  const unplaced: string[] = [];
  let placed = 0;
  for (const { field, message } of error.fieldErrors) {
    const local = prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field;
    const name = fields.find((candidate) => candidate === local);
    if (name) {
      setError(name, { type: 'server', message: sentence(message) }, { shouldFocus: placed === 0 });
      placed += 1;
    } else {
      unplaced.push(message);
    }
  }
  if (placed > 0 && unplaced.length === 0) return null;
  const parts = [describeError(error), ...unplaced.map(sentence)];
  if (error.requestId && error.isServerError) parts.push(`(Request id ${error.requestId}.)`);
  return parts.join(' ');
}

function sentence(message: string): string {
  // Pydantic prefixes a validator's own message with "Value error, ".
  const text = message.replace(/^Value error, /, '').trim();
  if (!text) return text;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
