const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : dateOnly.format(date);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

export function formatRelative(value: string | null | undefined, now = Date.now()): string {
  if (!value) return 'never';
  const seconds = (new Date(value).getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function fullName(person: { first_name: string; last_name: string; email: string }): string {
  return `${person.first_name} ${person.last_name}`.trim() || person.email;
}

export function initials(person: { first_name: string; last_name: string; email: string }): string {
  const letters = `${person.first_name.charAt(0)}${person.last_name.charAt(0)}`.trim();
  return (letters || person.email.charAt(0)).toUpperCase();
}

/** `super_admin` → `Super admin`. */
export function humanize(value: string): string {
  const text = value.replace(/[_:]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const amounts = new Map<string, Intl.NumberFormat>();

/** The API's money strings (`"19.90"`) for people: `$19.90`, or `19.90` when the currency is unknown. */
export function formatMoney(amount: string | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const key = currency ?? '';
  let format = amounts.get(key);
  if (!format) {
    format = currency
      ? new Intl.NumberFormat(undefined, { style: 'currency', currency })
      : new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    amounts.set(key, format);
  }
  const value = Number(amount);
  return Number.isFinite(value) ? format.format(value) : amount;
}
