import { forwardRef, type SelectHTMLAttributes } from 'react';
import type { RoleRead } from '@/api/types';
import { useAuth } from '@/hooks/useAuth';
import { humanize } from '@/utils/format';
import { inputClass } from '@/utils/styles';

interface RoleSelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  roles: RoleRead[];
}

/**
 * Staff roles to choose from. Roles holding permissions the signed-in user lacks are shown but
 * disabled: the API refuses to hand over permissions one does not have.
 */
export const RoleSelect = forwardRef<HTMLSelectElement, RoleSelectProps>(function RoleSelect(
  { roles, ...rest },
  ref,
) {
  const { can } = useAuth();
  return (
    <select ref={ref} className={inputClass} {...rest}>
      <option value="">Choose a role…</option>
      {roles
        .filter((role) => role.applies_to === 'staff')
        .map((role) => {
          const grantable = role.permissions.every((permission) => can(permission));
          return (
            <option key={role.id} value={role.name} disabled={!grantable}>
              {humanize(role.name)}
              {grantable ? '' : ' (has permissions you lack)'}
            </option>
          );
        })}
    </select>
  );
});
