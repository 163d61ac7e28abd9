import type { RoleRead } from '@/api/types';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { humanize } from '@/utils/format';
import { cardClass, cx } from '@/utils/styles';

interface RoleListProps {
  roles: RoleRead[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}

const KIND_LABELS = { staff: 'Staff', reseller: 'Resellers', public: 'App users' } as const;

export function RoleList({ roles, selectedId, onSelect }: RoleListProps) {
  return (
    <nav aria-label="Roles" className={cx(cardClass, 'p-2')}>
      <ul className="space-y-0.5">
        {roles.map((role) => {
          const active = role.id === selectedId;
          return (
            <li key={role.id}>
              <button
                type="button"
                onClick={() => onSelect(role.id)}
                aria-current={active ? 'true' : undefined}
                className={cx(
                  'flex w-full items-center justify-between gap-3 rounded-lg px-3 py-2.5 text-left transition-colors',
                  active
                    ? 'bg-indigo-50 dark:bg-indigo-500/15'
                    : 'hover:bg-slate-50 dark:hover:bg-slate-800/60',
                )}
              >
                <span className="min-w-0">
                  <span className={cx('block truncate text-sm font-medium', active ? 'text-indigo-700 dark:text-indigo-300' : 'text-slate-900 dark:text-white')}>
                    {humanize(role.name)}
                  </span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    {KIND_LABELS[role.applies_to]} · {role.permissions.length} permissions
                  </span>
                </span>
                {role.is_system && <StatusBadge tone="neutral">Built-in</StatusBadge>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
