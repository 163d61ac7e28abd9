import { useState } from 'react';
import { useNavigate } from 'react-router';
import { AuthLayout } from '@/components/auth/AuthLayout/AuthLayout';
import { RecoveryCodes } from '@/components/settings/account/RecoveryCodes';
import { TwoFactorEnrol } from '@/components/settings/account/TwoFactorEnrol';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

/** Where users whose role requires 2FA land until they have turned it on. */
export default function TwoFactorSetupPage() {
  useDocumentTitle('Set up two-factor authentication');
  const navigate = useNavigate();
  const { logout } = useAuth();
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <AuthLayout
      title="Set up two-factor authentication"
      subtitle="Your role requires a second step at login. It takes a minute."
      footer={
        <button
          type="button"
          className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400"
          onClick={() => void logout()}
        >
          Log out
        </button>
      }
    >
      {codes ? (
        <RecoveryCodes codes={codes} doneLabel="Continue to the dashboard" onDone={() => navigate('/dashboard', { replace: true })} />
      ) : (
        <TwoFactorEnrol onEnabled={setCodes} />
      )}
    </AuthLayout>
  );
}
