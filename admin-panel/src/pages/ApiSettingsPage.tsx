import { useState } from 'react';
import type { ApiKeyCreated, ApiKeyRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { ListTable } from '@/components/common/DataTable/ListTable';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { API_KEY_COLUMNS } from '@/components/settings/apiKeys/apiKeyColumns';
import { ApiKeyCreatedModal } from '@/components/settings/apiKeys/ApiKeyCreatedModal';
import { ApiKeyCreateModal } from '@/components/settings/apiKeys/ApiKeyCreateModal';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useListQuery } from '@/hooks/useListQuery';
import { useNotify } from '@/hooks/useNotify';
import { usePageSizePreference } from '@/hooks/usePageSizePreference';
import { useApiKeys, useRevokeApiKey } from '@/services/settings';

const NO_FILTERS = [] as const;

export default function ApiSettingsPage() {
  useDocumentTitle('API keys');
  const state = useListQuery(NO_FILTERS, usePageSizePreference());
  const keys = useApiKeys(state.query);
  const revoke = useRevokeApiKey();
  const { notify, notifyError } = useNotify();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRead | null>(null);

  async function confirmRevoke(key: ApiKeyRead) {
    try {
      await revoke.mutateAsync(key.id);
      notify('success', `API key “${key.name}” revoked.`);
    } catch (error) {
      notifyError(error);
    } finally {
      setRevoking(null);
    }
  }

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys for integrations; each acts as the person who created it, within its scopes."
        actions={
          <ActionButton icon="plus" onClick={() => setCreating(true)}>
            Create API key
          </ActionButton>
        }
      />
      <ListTable
        tableId="api-keys"
        caption="API keys"
        columns={API_KEY_COLUMNS}
        state={state}
        result={keys}
        noun={['API key', 'API keys']}
        getRowId={(key) => key.id}
        rowActions={(key) =>
          key.status === 'active' && (
            <ActionButton size="sm" variant="ghost" icon="trash" aria-label={`Revoke ${key.name}`} onClick={() => setRevoking(key)}>
              Revoke
            </ActionButton>
          )
        }
      />
      {creating && (
        <ApiKeyCreateModal
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
          }}
        />
      )}
      {created && <ApiKeyCreatedModal apiKey={created} onClose={() => setCreated(null)} />}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        message="It stops working at once, and cannot be turned back on: integrations using it need a new key."
        confirmLabel="Revoke key"
        busy={revoke.isPending}
        onConfirm={() => revoking && void confirmRevoke(revoking)}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}
