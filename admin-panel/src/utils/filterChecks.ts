/** Checks shared by list filters, worded for people; each returns a problem or null. */
import { toCents } from './money';

export function minLengthProblem(value: string, min: number, what = 'A search'): string | null {
  return value && value.length < min ? `${what} needs at least ${min} characters.` : null;
}

/** Amounts as the API takes them: not negative, at most two decimals. */
export function amountProblem(value: string, label: string): string | null {
  return value && toCents(value) === null ? `${label} is an amount like 19.90.` : null;
}

export function amountRangeProblem(min: string, max: string): string | null {
  const low = toCents(min);
  const high = toCents(max);
  return low !== null && high !== null && low > high ? 'The amount range ends below where it starts.' : null;
}

export function idProblem(value: string, label: string): string | null {
  return value && !/^\d+$/.test(value) ? `${label} is a number.` : null;
}

/** The problems found, by filter name; a check that passed (null) leaves its name out. */
export function problemsOf<F extends string>(checks: ReadonlyArray<readonly [F, string | null]>): Partial<Record<F, string>> {
  const found: Partial<Record<F, string>> = {};
  for (const [name, problem] of checks) if (problem) found[name] = problem;
  return found;
}
