import type { ReactNode } from 'react';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Modal } from '@/components/common/Modal/Modal';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  tone = 'danger',
  busy,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Modal
      open={open}
      title={title}
      onClose={busy ? () => undefined : onCancel}
      size="sm"
      role="alertdialog"
      footer={
        <>
          {/* Cancel first in focus order: a stray Enter must not confirm a destructive action. */}
          <ActionButton variant="secondary" onClick={onCancel} disabled={busy} data-autofocus>
            Cancel
          </ActionButton>
          <ActionButton variant={tone} onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </ActionButton>
        </>
      }
    >
      <div className="text-sm text-slate-600 dark:text-slate-300">{message}</div>
    </Modal>
  );
}
