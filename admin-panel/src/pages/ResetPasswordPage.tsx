import { Link, useParams } from 'react-router';
import { AuthLayout } from '@/components/auth/AuthLayout/AuthLayout';
import { ResetPasswordForm } from '@/components/auth/ResetPassword/ResetPasswordForm';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

export default function ResetPasswordPage() {
  useDocumentTitle('Reset password');
  const { token = '' } = useParams();
  return (
    <AuthLayout
      title="Choose a new password"
      subtitle="After this, every session of your account is signed out."
      footer={
        <Link to="/login" className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
          Back to log in
        </Link>
      }
    >
      <ResetPasswordForm token={token} />
    </AuthLayout>
  );
}
