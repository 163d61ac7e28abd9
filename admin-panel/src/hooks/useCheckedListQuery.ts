import { useMemo } from 'react';
import { useListQuery } from './useListQuery';
import { usePageSizePreference } from './usePageSizePreference';

export type FilterProblems<F extends string> = Partial<Record<F, string>>;

/**
 * useListQuery plus a list's own checks (a search too short for the API, an amount that is not
 * one…): mistakes pointed out instead of sent for a 422. `check` must be a module-level function.
 */
export function useCheckedListQuery<F extends string>(
  filterNames: readonly F[],
  check: (filters: Record<F, string>) => FilterProblems<F>,
) {
  const base = useListQuery(filterNames, usePageSizePreference());
  const { filters } = base.list;
  const problems = useMemo(() => ({ ...base.problems, ...check(filters) }), [base.problems, check, filters]);
  return { ...base, problems, valid: Object.keys(problems).length === 0 };
}
