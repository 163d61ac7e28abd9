import { useEffect, useRef, useState } from 'react';
import { describeError } from '@/api/errors';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { useNotify } from '@/hooks/useNotify';
import {
  useDeleteWebhookEndpoint,
  usePingWebhookEndpoint,
  type WebhookEndpoint,
  type WebhookEndpointCreated,
} from '@/services/webhooks';
import { WebhookFormModal } from './WebhookFormModal';
import { WebhookSecretModal } from './WebhookSecretModal';

export type WebhookIntent = 'create' | 'edit' | 'ping' | 'delete';

interface WebhookDialogsProps {
  endpoint?: WebhookEndpoint | undefined;
  intent: WebhookIntent;
  onClose: () => void;
  onDeleted?: () => void;
}

/** What an endpoint's actions open, for the list's menu and the details page. */
export function WebhookDialogs({ endpoint, intent, onClose, onDeleted }: WebhookDialogsProps) {
  const remove = useDeleteWebhookEndpoint();
  const ping = usePingWebhookEndpoint();
  const { notify, notifyError } = useNotify();
  const [created, setCreated] = useState<WebhookEndpointCreated | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const pinged = useRef(false);

  useEffect(() => {
    // A ping has nothing to confirm: it is sent as soon as it is asked for.
    if (intent !== 'ping' || !endpoint || pinged.current) return;
    pinged.current = true;
    ping.mutate(endpoint.id, {
      onSuccess: () => notify('success', `Test ping queued for ${endpoint.url}; its outcome shows in the delivery log.`),
      onError: notifyError,
      onSettled: onClose,
    });
  }, [intent, endpoint, ping, notify, notifyError, onClose]);

  if (created) return <WebhookSecretModal endpoint={created} onClose={onClose} />;
  if (intent === 'create') return <WebhookFormModal onClose={onClose} onCreated={setCreated} />;
  if (!endpoint) return null;
  if (intent === 'edit') return <WebhookFormModal endpoint={endpoint} onClose={onClose} />;
  if (intent !== 'delete') return null;
  return (
    <ConfirmDialog
      open
      title="Delete this webhook endpoint?"
      message={
        <div className="space-y-3">
          <p>
            <span className="break-all">{endpoint.url}</span> stops hearing events, and its delivery log is deleted with it.
          </p>
          {deleteError !== null && <FormAlert>{describeError(deleteError)}</FormAlert>}
        </div>
      }
      confirmLabel="Delete"
      busy={remove.isPending}
      onCancel={onClose}
      onConfirm={() => {
        setDeleteError(null);
        remove.mutate(endpoint.id, {
          onSuccess: () => {
            notify('success', 'The webhook endpoint was deleted.');
            onClose();
            onDeleted?.();
          },
          onError: setDeleteError,
        });
      }}
    />
  );
}
