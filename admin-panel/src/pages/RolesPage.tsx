import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { RoleCreateModal } from '@/components/settings/roles/RoleCreateModal';
import { RoleEditor } from '@/components/settings/roles/RoleEditor';
import { RoleList } from '@/components/settings/roles/RoleList';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { usePermissionCatalogue, useRoles } from '@/services/roles';

export default function RolesPage() {
  useDocumentTitle('Roles & permissions');
  const { canCall } = useAuth();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);

  const select = (id: number | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (id === null) next.delete('role');
      else next.set('role', String(id));
      return next;
    });

  const header = (
    <PageHeader
      title="Roles & permissions"
      description="A role bundles permissions; every account has one role."
      actions={
        canCall('POST /api/admin/roles/') && (
          <ActionButton icon="plus" onClick={() => setCreating(true)}>
            New role
          </ActionButton>
        )
      }
    />
  );

  if (roles.isPending || catalogue.isPending) {
    return (
      <>
        {header}
        <LoadingSpinner label="Loading roles…" />
      </>
    );
  }
  if (roles.isError || catalogue.isError) {
    return (
      <>
        {header}
        <ErrorState
          error={roles.error ?? catalogue.error}
          onRetry={() => {
            void roles.refetch();
            void catalogue.refetch();
          }}
        />
      </>
    );
  }

  const selected = roles.data.find((role) => String(role.id) === params.get('role')) ?? roles.data[0] ?? null;
  return (
    <>
      {header}
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <div className="lg:sticky lg:top-24 lg:self-start">
          <RoleList roles={roles.data} selectedId={selected?.id ?? null} onSelect={select} />
        </div>
        {selected && (
          <RoleEditor key={selected.id} role={selected} catalogue={catalogue.data} onDeleted={() => select(null)} />
        )}
      </div>
      {creating && (
        <RoleCreateModal
          onClose={() => setCreating(false)}
          onCreated={(role) => {
            setCreating(false);
            select(role.id);
          }}
        />
      )}
    </>
  );
}
