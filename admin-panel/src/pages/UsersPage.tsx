import { DataTransferActions } from '@/components/dataTransfer/DataTransferActions';
import { ListTable } from '@/components/common/DataTable/ListTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { USER_COLUMNS } from '@/components/users/userColumns';
import { UserFilters } from '@/components/users/UserFilters';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListQuery } from '@/hooks/useListQuery';
import { usePageSizePreference } from '@/hooks/usePageSizePreference';
import { USER_FILTERS, useUserList } from '@/services/users';

export default function UsersPage() {
  useDocumentTitle('App users');
  const state = useListQuery(USER_FILTERS, usePageSizePreference());
  const users = useUserList(state.query);

  return (
    <>
      <PageHeader
        title="App users"
        description="People who buy SIMs and plans in the app themselves."
        actions={<DataTransferActions resource="users" query={state.query} noun="app users" />}
      />
      <ListTable
        tableId="users"
        caption="App users"
        columns={USER_COLUMNS}
        state={state}
        result={users}
        noun={['app user', 'app users']}
        getRowId={(row) => row.id}
        toolbar={<UserFilters values={state.list.filters} onChange={state.list.setFilters} />}
      />
    </>
  );
}
