import { useState } from 'react';
import type { PermissionRead, RoleRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { useDeleteRole, useUpdateRole } from '@/services/roles';
import { describeError } from '@/api/errors';
import { humanize } from '@/utils/format';
import { inputClass } from '@/utils/styles';
import { PermissionPicker } from './PermissionPicker';

interface RoleEditorProps {
  role: RoleRead;
  catalogue: PermissionRead[];
  onDeleted: () => void;
}

const LOCKED_ROLE = 'super_admin';

/** Edits one role's description and permissions. Mount it with `key={role.id}`. */
export function RoleEditor({ role, catalogue, onDeleted }: RoleEditorProps) {
  const { can, canCall } = useAuth();
  const { notify, notifyError } = useNotify();
  const update = useUpdateRole();
  const remove = useDeleteRole();
  const [description, setDescription] = useState(role.description);
  const [selected, setSelected] = useState(() => new Set(role.permissions));
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const manage = canCall('PATCH /api/admin/roles/{role_id}/');
  const permissionsLocked = role.name === LOCKED_ROLE;
  const changed =
    description !== role.description ||
    selected.size !== role.permissions.length ||
    role.permissions.some((code) => !selected.has(code));

  async function save() {
    setError(null);
    try {
      await update.mutateAsync({
        id: role.id,
        body: { description, ...(permissionsLocked ? {} : { permissions: [...selected].sort() }) },
      });
      notify('success', `The ${humanize(role.name)} role was saved.`);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <Card
      title={humanize(role.name)}
      description={
        <>
          <code className="font-mono text-xs">{role.name}</code> · {selected.size} of {catalogue.length} permissions
        </>
      }
      actions={
        manage && (
          <div className="flex flex-wrap gap-2">
            {!role.is_system && canCall('DELETE /api/admin/roles/{role_id}/') && (
              <ActionButton variant="ghost" icon="trash" onClick={() => setConfirmDelete(true)}>
                Delete
              </ActionButton>
            )}
            <ActionButton
              variant="secondary"
              disabled={!changed || update.isPending}
              onClick={() => {
                setDescription(role.description);
                setSelected(new Set(role.permissions));
              }}
            >
              Discard
            </ActionButton>
            <ActionButton onClick={() => void save()} loading={update.isPending} disabled={!changed}>
              Save role
            </ActionButton>
          </div>
        )
      }
    >
      <div className="space-y-5">
        {error && <FormAlert>{error}</FormAlert>}
        {!manage && (
          <FormAlert tone="info">You can view roles. Changing them needs the “roles:manage” permission.</FormAlert>
        )}
        {manage && permissionsLocked && (
          <FormAlert tone="info">The super admin role always has every permission; only its description can change.</FormAlert>
        )}
        <FormField id="role-description" label="Description">
          <textarea
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            maxLength={500}
            rows={2}
            readOnly={!manage}
            className={inputClass}
          />
        </FormField>
        <PermissionPicker
          catalogue={catalogue}
          selected={selected}
          onChange={setSelected}
          readOnly={!manage || permissionsLocked}
          locked={(code) => !can(code)}
        />
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete the ${humanize(role.name)} role?`}
        message="Roles still held by an account cannot be deleted; reassign those people first."
        confirmLabel="Delete role"
        busy={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(role.id, {
            onSuccess: () => {
              notify('success', `The ${humanize(role.name)} role was deleted.`);
              onDeleted();
            },
            onError: notifyError,
            onSettled: () => setConfirmDelete(false),
          })
        }
      />
    </Card>
  );
}
