import { DataTable } from '@/components/common/DataTable/DataTable';
import { ListSummary } from '@/components/common/ListSummary/ListSummary';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { USER_COLUMNS } from '@/components/users/userColumns';
import { UserFilters } from '@/components/users/UserFilters';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListQuery } from '@/hooks/useListQuery';
import { usePageSizePreference } from '@/hooks/usePageSizePreference';
import { USER_FILTERS, useUserList } from '@/services/users';

export default function UsersPage() {
  useDocumentTitle('App users');
  const { list, query, filtered } = useListQuery(USER_FILTERS, usePageSizePreference());
  const users = useUserList(query);

  return (
    <>
      <PageHeader title="App users" description="People who buy SIMs and plans in the app themselves." />
      <DataTable
        tableId="users"
        caption="App users"
        columns={USER_COLUMNS}
        rows={users.data?.items}
        getRowId={(row) => row.id}
        total={users.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        onPageSizeChange={list.setPageSize}
        sort={list.sort}
        onSortChange={list.setSort}
        loading={users.isPending}
        fetching={users.isFetching}
        error={users.error}
        onRetry={() => void users.refetch()}
        emptyTitle={filtered ? 'No app users match' : 'No app users yet'}
        emptyDescription={filtered ? 'Try other words or fewer filters.' : undefined}
        toolbar={<UserFilters values={list.filters} onChange={list.setFilters} />}
        summary={
          <ListSummary
            total={users.data?.total}
            exact={users.data?.total_exact}
            filtered={filtered}
            onClear={list.clearFilters}
            noun={['app user', 'app users']}
          />
        }
      />
    </>
  );
}
