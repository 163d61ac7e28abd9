import { useState } from 'react';
import type { PublicUserDetail } from '@/api/types';
import { ExportButton } from '@/components/common/ExportButton/ExportButton';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ReasonDialog } from '@/components/common/ReasonDialog/ReasonDialog';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { downloadPersonalData, useErasePerson } from '@/services/users';

/**
 * Data-protection requests: a copy of everything held about the person, and erasure (refused
 * by the API, with its reason, while one of their orders is still in flight).
 */
export function PrivacyActions({ user }: { user: PublicUserDetail }) {
  const { canCall } = useAuth();
  const erase = useErasePerson();
  const { notify } = useNotify();
  const [erasing, setErasing] = useState(false);
  const canExport = canCall('GET /api/users/{user_id}/data-export/');
  const canErase = canCall('POST /api/users/{user_id}/erase/') && user.erased_at === null;

  return (
    <>
      {canExport && <ExportButton label="Download data" download={() => downloadPersonalData(user.id)} />}
      {canErase && (
        <ActionButton variant="secondary" icon="trash" onClick={() => setErasing(true)}>
          Erase
        </ActionButton>
      )}
      <ReasonDialog
        open={erasing}
        title="Erase this person's data?"
        description={`${user.full_name}'s name, email, phone, address, KYC number and documents are anonymised and their login disabled. Orders and payments stay, without the person. This cannot be undone.`}
        confirmLabel="Erase for good"
        tone="danger"
        reasonHint="For example the request's reference. Kept in the audit log."
        onClose={() => setErasing(false)}
        onSubmit={async (reason) => {
          await erase.mutateAsync({ id: user.id, reason });
          notify('success', "The person's data was erased.");
        }}
      />
    </>
  );
}
