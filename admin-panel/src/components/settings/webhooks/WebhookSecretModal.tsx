import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { Modal } from '@/components/common/Modal/Modal';
import { SecretField } from '@/components/common/SecretField/SecretField';
import type { WebhookEndpointCreated } from '@/services/webhooks';

/** The new endpoint's signing secret, this once: the API keeps it encrypted and never shows it again. */
export function WebhookSecretModal({ endpoint, onClose }: { endpoint: WebhookEndpointCreated; onClose: () => void }) {
  return (
    <Modal
      open
      title="Webhook endpoint added"
      description={endpoint.url}
      onClose={onClose}
      footer={<ActionButton onClick={onClose}>I have stored the secret</ActionButton>}
    >
      <div className="space-y-4">
        <FormAlert tone="warning">
          Copy the signing secret now: it is shown this once and cannot be shown again.
        </FormAlert>
        <SecretField label="Signing secret" value={endpoint.secret} />
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Check each delivery's <code className="font-mono text-xs">X-Simdesk-Signature</code> header with it.
        </p>
      </div>
    </Modal>
  );
}
