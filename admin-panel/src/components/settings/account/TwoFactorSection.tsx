import { useState } from 'react';
import type { Profile } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { StatusBadge } from '@/components/common/StatusBadge/StatusBadge';
import { useNotify } from '@/hooks/useNotify';
import { RecoveryCodes } from './RecoveryCodes';
import { TwoFactorDisableForm } from './TwoFactorDisableForm';
import { TwoFactorEnrol } from './TwoFactorEnrol';

export function TwoFactorSection({ user }: { user: Profile }) {
  const { notify } = useNotify();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [disabling, setDisabling] = useState(false);

  // Held here, not in the enrolment form: the profile reloads as 2FA turns on.
  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          notify('success', 'Two-factor authentication is on.');
        }}
      />
    );
  }
  if (!user.two_factor_enabled) return <TwoFactorEnrol onEnabled={setCodes} />;
  if (disabling) return <TwoFactorDisableForm onCancel={() => setDisabling(false)} />;
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex items-center gap-3">
        <StatusBadge tone="success">On</StatusBadge>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          A code from your authenticator app is asked for at every login.
        </p>
      </div>
      <ActionButton variant="secondary" onClick={() => setDisabling(true)}>
        Turn off
      </ActionButton>
    </div>
  );
}
