import type { StaffRead } from '@/api/types';
import { fullName } from '@/utils/format';

/**
 * The staff a ticket can go to, as [id, name] pairs: the user first ("Me"), then everyone the
 * staff list names, then `also` (the current assignee or filter, when the list does not name it).
 */
export function assigneeOptions(
  me: { id: number },
  staff: StaffRead[] | undefined,
  also?: { id: number; full_name: string } | null,
): Array<readonly [string, string]> {
  const options: Array<readonly [string, string]> = [[String(me.id), 'Me']];
  for (const person of staff ?? []) {
    if (person.id !== me.id) options.push([String(person.id), fullName(person)]);
  }
  if (also && !options.some(([id]) => id === String(also.id))) options.push([String(also.id), also.full_name]);
  return options;
}
