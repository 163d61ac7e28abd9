import { useState } from 'react';
import type { StaffRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ActionMenu, type MenuAction } from '@/components/common/ActionMenu/ActionMenu';
import { DataTable } from '@/components/common/DataTable/DataTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { StaffConfirm, type StaffAction } from '@/components/settings/staff/StaffConfirm';
import { StaffFormModal } from '@/components/settings/staff/StaffFormModal';
import { STAFF_COLUMNS } from '@/components/settings/staff/staffColumns';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListParams } from '@/hooks/useListParams';
import { usePageSizePreference } from '@/hooks/usePageSizePreference';
import { useStaffList } from '@/services/staff';
import { fullName } from '@/utils/format';

const NO_FILTERS = [] as const;

export default function StaffPage() {
  useDocumentTitle('Staff');
  const { user, canCall } = useAuth();
  const list = useListParams(NO_FILTERS, usePageSizePreference());
  const staff = useStaffList({ page: list.page, page_size: list.pageSize });
  const [editing, setEditing] = useState<StaffRead | 'new' | null>(null);
  const [pending, setPending] = useState<{ action: StaffAction; staff: StaffRead } | null>(null);
  const canWrite = canCall('PATCH /api/admin/staff/{account_id}/');

  function actionsFor(row: StaffRead): MenuAction[] {
    const self = row.id === user?.id;
    const ask = (action: StaffAction) => () => setPending({ action, staff: row });
    return [
      { label: 'Edit', icon: 'edit', onSelect: () => setEditing(row) },
      { label: 'Force password reset', icon: 'key', onSelect: ask('reset'), disabled: !row.is_active },
      { label: 'Unlock login', icon: 'lock', onSelect: ask('unlock') },
      row.is_active
        ? { label: 'Deactivate', icon: 'trash', tone: 'danger', onSelect: ask('deactivate'), disabled: self }
        : { label: 'Reactivate', icon: 'check', onSelect: ask('reactivate') },
    ];
  }

  return (
    <>
      <PageHeader
        title="Staff"
        description="People who work in the back office, and what role each has."
        actions={
          canCall('POST /api/admin/staff/') && (
            <ActionButton icon="plus" onClick={() => setEditing('new')}>
              Add staff member
            </ActionButton>
          )
        }
      />
      <DataTable
        tableId="staff"
        caption="Staff accounts"
        columns={STAFF_COLUMNS}
        rows={staff.data?.items}
        getRowId={(row) => row.id}
        total={staff.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        onPageSizeChange={list.setPageSize}
        loading={staff.isPending}
        fetching={staff.isFetching}
        error={staff.error}
        onRetry={() => void staff.refetch()}
        emptyTitle="No staff accounts yet"
        summary={staff.data && `${staff.data.total} staff account${staff.data.total === 1 ? '' : 's'}`}
        rowActions={
          canWrite ? (row) => <ActionMenu label={`Actions for ${fullName(row)}`} actions={actionsFor(row)} /> : undefined
        }
      />
      {editing !== null && (
        <StaffFormModal open staff={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <StaffConfirm pending={pending} onClose={() => setPending(null)} />
    </>
  );
}
