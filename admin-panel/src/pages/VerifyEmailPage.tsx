import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '@/api/errors';
import { AuthLayout } from '@/components/auth/AuthLayout/AuthLayout';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { authApi } from '@/services/auth';

export default function VerifyEmailPage() {
  useDocumentTitle('Verify email');
  const { token = '' } = useParams();
  const verify = useMutation({ mutationFn: authApi.verifyEmail });
  const { mutate } = verify;
  const sent = useRef<string | null>(null);

  // The link is single-use: send it once (StrictMode runs effects twice in development).
  useEffect(() => {
    if (sent.current === token) return;
    sent.current = token;
    mutate(token);
  }, [mutate, token]);

  return (
    <AuthLayout
      title="Email verification"
      footer={
        <Link to="/login" className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
          Go to log in
        </Link>
      }
    >
      {verify.isPending || verify.isIdle ? (
        <div className="flex justify-center py-4">
          <LoadingSpinner label="Confirming your email address…" />
        </div>
      ) : verify.isSuccess ? (
        <FormAlert tone="success">Your email address is confirmed. Thank you!</FormAlert>
      ) : (
        <FormAlert>
          {describeError(verify.error)} Ask for a new verification email if you still need to confirm your address.
        </FormAlert>
      )}
    </AuthLayout>
  );
}
