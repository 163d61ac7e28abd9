import type { StaffRead } from '@/api/types';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { useNotify } from '@/hooks/useNotify';
import { useDeactivateStaff, useForcePasswordReset, useUnlockAccount, useUpdateStaff } from '@/services/staff';
import { fullName } from '@/utils/format';

export type StaffAction = 'deactivate' | 'reactivate' | 'reset' | 'unlock';

const COPY: Record<StaffAction, { title: string; confirm: string; tone: 'danger' | 'primary'; message: (name: string) => string; done: (name: string) => string }> = {
  deactivate: {
    title: 'Deactivate this account?',
    confirm: 'Deactivate',
    tone: 'danger',
    message: (name) => `${name} is signed out everywhere and cannot log in. Their past actions stay in the logs.`,
    done: (name) => `${name} was deactivated.`,
  },
  reactivate: {
    title: 'Reactivate this account?',
    confirm: 'Reactivate',
    tone: 'primary',
    message: (name) => `${name} will be able to log in again.`,
    done: (name) => `${name} was reactivated.`,
  },
  reset: {
    title: 'Force a password reset?',
    confirm: 'Send reset link',
    tone: 'danger',
    message: (name) => `${name} is signed out everywhere and emailed a link to choose a new password.`,
    done: (name) => `A reset link was emailed to ${name}.`,
  },
  unlock: {
    title: 'Unlock this account?',
    confirm: 'Unlock',
    tone: 'primary',
    message: (name) => `Clears the lockout after too many failed logins, so ${name} can try again now.`,
    done: (name) => `${name} can log in again.`,
  },
};

interface StaffConfirmProps {
  pending: { action: StaffAction; staff: StaffRead } | null;
  onClose: () => void;
}

export function StaffConfirm({ pending, onClose }: StaffConfirmProps) {
  const deactivate = useDeactivateStaff();
  const update = useUpdateStaff();
  const reset = useForcePasswordReset();
  const unlock = useUnlockAccount();
  const { notify, notifyError } = useNotify();
  const busy = deactivate.isPending || update.isPending || reset.isPending || unlock.isPending;
  const copy = pending ? COPY[pending.action] : COPY.deactivate;
  const name = pending ? fullName(pending.staff) : '';

  async function run() {
    if (!pending) return;
    const { action, staff } = pending;
    try {
      if (action === 'deactivate') await deactivate.mutateAsync(staff.id);
      else if (action === 'reactivate') await update.mutateAsync({ id: staff.id, body: { is_active: true } });
      else if (action === 'reset') await reset.mutateAsync(staff.id);
      else await unlock.mutateAsync(staff.id);
      notify('success', copy.done(name));
    } catch (error) {
      notifyError(error);
    }
    onClose();
  }

  return (
    <ConfirmDialog
      open={pending !== null}
      title={copy.title}
      message={copy.message(name)}
      confirmLabel={copy.confirm}
      tone={copy.tone}
      busy={busy}
      onCancel={onClose}
      onConfirm={() => void run()}
    />
  );
}
