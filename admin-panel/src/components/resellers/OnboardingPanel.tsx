import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ResellerDetail } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { Icon } from '@/components/common/Icon/Icon';
import { LoadingSpinner } from '@/components/common/LoadingSpinner/LoadingSpinner';
import { ReasonDialog } from '@/components/common/ReasonDialog/ReasonDialog';
import { ValueBadge, type BadgeTone } from '@/components/common/StatusBadge/StatusBadge';
import { useAuth } from '@/hooks/useAuth';
import { useNotify } from '@/hooks/useNotify';
import { OPEN_ONBOARDING, useDecideOnboarding, useOnboarding, type OnboardingStatus } from '@/services/onboarding';
import { queryKeys } from '@/services/queryKeys';
import { formatDateTime, humanize } from '@/utils/format';
import { cx } from '@/utils/styles';
import { ApproveOnboardingDialog } from './ApproveOnboardingDialog';
import { ResellerDocuments } from './ResellerDocuments';

const TONES: Record<OnboardingStatus, BadgeTone> = {
  collecting: 'info',
  awaiting_decision: 'warning',
  completed: 'success',
  rejected: 'danger',
  expired: 'neutral',
  superseded: 'neutral',
};

function Step({ done, label, detail }: { done: boolean; label: string; detail: string }) {
  return (
    <li className="flex items-start gap-3">
      <span
        className={cx(
          'mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-xs',
          done ? 'bg-emerald-100 text-emerald-700 dark:bg-emerald-500/20 dark:text-emerald-300' : 'bg-slate-100 text-slate-400 dark:bg-slate-800',
        )}
      >
        {done && <Icon name="check" className="size-3.5" />}
      </span>
      <span className="text-sm">
        <span className="sr-only">{done ? 'Done: ' : 'To do: '}</span>
        <span className="block font-medium text-slate-900 dark:text-white">{label}</span>
        <span className="text-slate-500 dark:text-slate-400">{detail}</span>
      </span>
    </li>
  );
}

/**
 * A new reseller's way to active: verification, KYB documents, and the approver's decision,
 * which the ResellerOnboarding workflow applies (so the answer is "accepted", then polled).
 */
export function OnboardingPanel({ reseller }: { reseller: ResellerDetail }) {
  const { canCall } = useAuth();
  const { notify } = useNotify();
  const client = useQueryClient();
  const open = OPEN_ONBOARDING.includes(reseller.onboarding_status);
  const onboarding = useOnboarding(reseller.id, open);
  const decide = useDecideOnboarding(reseller.id);
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const [sent, setSent] = useState(false);
  const status = onboarding.data?.onboarding_status ?? reseller.onboarding_status;
  const seen = useRef(status);

  useEffect(() => {
    // The workflow moved it on: the reseller's own status and limits changed with it.
    if (seen.current !== status) {
      seen.current = status;
      setSent(false);
      void client.invalidateQueries({ queryKey: queryKeys.resellersAll });
    }
  }, [status, client]);

  if (onboarding.isError) return <ErrorState error={onboarding.error} title="Onboarding could not be loaded" onRetry={() => void onboarding.refetch()} />;
  if (!onboarding.data) return <LoadingSpinner label="Loading onboarding…" />;
  const data = onboarding.data;
  const awaiting = data.onboarding_status === 'awaiting_decision' && data.step === 'awaiting_decision';
  const mayDecide = canCall('POST /api/resellers/{reseller_id}/onboarding/decision/');
  const decided = data.onboarding_status && !OPEN_ONBOARDING.includes(data.onboarding_status);

  return (
    <Card
      id="reseller-onboarding"
      title="Onboarding"
      actions={
        data.onboarding_status && (
          <span className="self-start sm:self-auto">
            <ValueBadge value={data.onboarding_status} tones={TONES} />
          </span>
        )
      }
    >
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-4">
          <ol aria-label="Onboarding steps" className="space-y-3">
            <Step
              done={data.email_verified_at !== null}
              label="Email verified"
              detail={data.email_verified_at ? formatDateTime(data.email_verified_at) : 'Waiting for the reseller to follow the link.'}
            />
            <Step
              done={data.documents_submitted_at !== null}
              label="Documents submitted"
              detail={data.documents_submitted_at ? formatDateTime(data.documents_submitted_at) : 'Waiting for a KYB document.'}
            />
            <Step
              done={Boolean(decided)}
              label="Decision"
              detail={
                decided
                  ? humanize(data.onboarding_status ?? '')
                  : awaiting
                    ? 'Waiting for an approver.'
                    : 'After the steps above.'
              }
            />
          </ol>
          {data.step && (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Workflow step: {humanize(data.step)}
              {data.reminders_sent ? ` · ${data.reminders_sent} reminder${data.reminders_sent === 1 ? '' : 's'} sent to approvers` : ''}
              {data.expires_at ? ` · expires ${formatDateTime(data.expires_at)}` : ''}
            </p>
          )}
          {sent && <FormAlert tone="info">Decision sent: the onboarding workflow is applying it.</FormAlert>}
          {awaiting && mayDecide && !sent && (
            <div className="flex flex-wrap gap-2">
              <ActionButton icon="check" onClick={() => setDialog('approve')}>
                Approve
              </ActionButton>
              <ActionButton variant="secondary" icon="close" onClick={() => setDialog('reject')}>
                Reject
              </ActionButton>
            </div>
          )}
        </div>
        <ResellerDocuments resellerId={reseller.id} canUpload={canCall('POST /api/resellers/{reseller_id}/documents/')} />
      </div>
      {dialog === 'approve' && (
        <ApproveOnboardingDialog
          open
          reseller={reseller}
          onClose={() => setDialog(null)}
          onSubmit={async (values) => {
            await decide.mutateAsync({ approve: true, reason: '', ...values });
            setSent(true);
            notify('success', `${reseller.business_name}: approval sent.`);
          }}
        />
      )}
      <ReasonDialog
        open={dialog === 'reject'}
        title={`Reject ${reseller.business_name}?`}
        description="Their onboarding ends; they are told why."
        confirmLabel="Reject"
        tone="danger"
        reasonHint="Sent to the reseller and kept in the audit log."
        onClose={() => setDialog(null)}
        onSubmit={async (reason) => {
          await decide.mutateAsync({ approve: false, reason });
          setSent(true);
          notify('success', `${reseller.business_name}: rejection sent.`);
        }}
      />
    </Card>
  );
}
