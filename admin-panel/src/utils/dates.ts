/**
 * The API filters by instants; people pick days. A day range covers both days whole, in the
 * browser's time zone.
 */
export function dayStartIso(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

export function dayEndIso(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString();
}

/** `2026-05-01T14:30` for a datetime-local input, in the browser's time zone. */
export function toLocalInput(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** Today as `2026-05-01`, in the browser's time zone (what a date input holds). */
export function todayIso(now = new Date()): string {
  return toLocalInput(now.toISOString()).slice(0, 10);
}
