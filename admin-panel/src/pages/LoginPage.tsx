import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '@/components/auth/LoginForm/LoginForm';
import { AuthLayout } from '@/components/auth/AuthLayout/AuthLayout';
import { TwoFactorForm } from '@/components/auth/TwoFactorForm/TwoFactorForm';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { safeNext } from '@/utils/navigation';

type Step = { kind: 'password' } | { kind: 'two_factor'; challengeToken: string; remember: boolean };

export default function LoginPage() {
  useDocumentTitle('Log in');
  const { status, endedReason } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const next = safeNext(params.get('next'));

  if (status === 'authenticated') return <Navigate to={next} replace />;

  if (step.kind === 'two_factor') {
    return (
      <AuthLayout title="Two-factor authentication" subtitle="Enter the code from your authenticator app.">
        <TwoFactorForm
          challengeToken={step.challengeToken}
          remember={step.remember}
          onDone={() => navigate(next, { replace: true })}
          onRestart={() => setStep({ kind: 'password' })}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Log in to simdesk" subtitle="The back office for SIM and eSIM sales.">
      {endedReason === 'expired' && (
        <FormAlert tone="info" className="mb-5">
          Your session has ended. Log in again to continue where you were.
        </FormAlert>
      )}
      <LoginForm
        onDone={(outcome) => {
          if (outcome.kind === 'two_factor') setStep(outcome);
          else navigate(next, { replace: true });
        }}
      />
    </AuthLayout>
  );
}
