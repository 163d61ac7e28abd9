/** An amount as the API takes it: not negative, at most two decimals ("19.90", "5"). */
export const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/;

/** "19.9" → 1990. Whole cents, so comparing amounts never meets a floating-point rounding. */
export function toCents(amount: string): number | null {
  if (!AMOUNT_PATTERN.test(amount)) return null;
  const [whole = '0', fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
