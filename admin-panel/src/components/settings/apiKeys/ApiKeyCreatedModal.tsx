import type { ApiKeyCreated } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { Modal } from '@/components/common/Modal/Modal';
import { SecretField } from '@/components/common/SecretField/SecretField';

/** The new key, this once: only its hash is kept, so closing this loses it for good. */
export function ApiKeyCreatedModal({ apiKey, onClose }: { apiKey: ApiKeyCreated; onClose: () => void }) {
  return (
    <Modal
      open
      title={`API key “${apiKey.name}” created`}
      onClose={onClose}
      footer={<ActionButton onClick={onClose}>I have stored the key</ActionButton>}
    >
      <div className="space-y-4">
        <FormAlert tone="warning">
          Copy the key now and keep it somewhere safe: it is shown this once and cannot be shown again.
        </FormAlert>
        <SecretField label="Key" value={apiKey.key} />
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Send it in the <code className="font-mono text-xs">X-API-Key</code> header. Scopes: {apiKey.scopes.join(', ')}.
        </p>
      </div>
    </Modal>
  );
}
