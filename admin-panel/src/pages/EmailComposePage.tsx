import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { BackLink } from '@/components/common/DataTable/RecordLink';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { PageHeader } from '@/components/common/PageHeader/PageHeader';
import { emailBody, emailSchema, SEGMENTS, VARIABLES, type EmailValues } from '@/components/emails/emailSchema';
import { useAuth } from '@/hooks/useAuth';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useNotify } from '@/hooks/useNotify';
import { usePreviewEmail, useSendEmail, useSendTestEmail, type Segment } from '@/services/emails';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { variableTag } from '@/utils/templateText';

const FIELDS = ['subject', 'body', 'segment', 'segment_value'] as const;
const count = new Intl.NumberFormat();
const recipients = (total: number) => (total === 1 ? '1 recipient' : `${count.format(total)} recipients`);

export default function EmailComposePage() {
  useDocumentTitle('Compose email');
  const formId = useId();
  const navigate = useNavigate();
  const { user } = useAuth();
  const { notify } = useNotify();
  const preview = usePreviewEmail();
  const sendTest = useSendTestEmail();
  const send = useSendEmail();
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ values: EmailValues; recipients: number } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<EmailValues>({
    resolver: zodResolver(emailSchema),
    defaultValues: { subject: '', body: 'Hello {{ name }},\n\n', segment: 'person', segment_value: '' },
  });
  const segment = watch('segment');
  const valueField = SEGMENTS[segment].value;

  function refused(error: unknown) {
    setFormError(applyApiErrors(error, setError, FIELDS));
  }

  const showPreview = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await preview.mutateAsync(emailBody(values));
    } catch (error) {
      refused(error);
    }
  });

  const sendToMe = handleSubmit(async ({ subject, body }) => {
    setFormError(null);
    try {
      await sendTest.mutateAsync({ subject, body });
      notify('success', `A test was sent to ${user?.email ?? 'you'}.`);
    } catch (error) {
      refused(error);
    }
  });

  // Sending starts with a fresh count, so the confirmation names the number it will reach.
  const askToSend = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const answer = await preview.mutateAsync(emailBody(values));
      setConfirming({ values, recipients: answer.recipients });
    } catch (error) {
      refused(error);
    }
  });

  async function confirmSend() {
    if (!confirming) return;
    try {
      const campaign = await send.mutateAsync(emailBody(confirming.values));
      setConfirming(null);
      notify('success', `Sending to ${recipients(campaign.recipients_total)}.`);
      void navigate(`/emails/${campaign.id}`);
    } catch (error) {
      setConfirming(null);
      refused(error);
    }
  }

  const busy = isSubmitting || send.isPending;
  return (
    <>
      <BackLink list="/emails">Back to emails</BackLink>
      <PageHeader title="Compose email" description="One email to a person or a whole segment, sent in batches." />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card id="email-draft" title="Draft">
          <form id={formId} onSubmit={(event) => void askToSend(event)} noValidate className="space-y-4">
            {formError && <FormAlert>{formError}</FormAlert>}
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id={`${formId}-segment`} label="Recipients" error={errors.segment?.message} required>
                <select {...register('segment')} className={inputClass}>
                  {(Object.entries(SEGMENTS) as [Segment, (typeof SEGMENTS)[Segment]][]).map(([value, { label }]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </FormField>
              {valueField && (
                <FormField
                  id={`${formId}-value`}
                  label={valueField.label}
                  error={errors.segment_value?.message}
                  hint={valueField.hint}
                  required
                >
                  <input
                    {...register('segment_value')}
                    inputMode={segment === 'plan_users' || segment === 'reseller_clients' ? 'numeric' : segment === 'person' ? 'email' : 'text'}
                    className={inputClass}
                  />
                </FormField>
              )}
            </div>
            <FormField id={`${formId}-subject`} label="Subject" error={errors.subject?.message} required>
              <input {...register('subject')} className={inputClass} />
            </FormField>
            <FormField
              id={`${formId}-body`}
              label="Message"
              error={errors.body?.message}
              hint={`Variables: ${VARIABLES.map(variableTag).join(', ')}; {% if name %}…{% endif %} and filters work too.`}
              required
            >
              <textarea {...register('body')} rows={10} className={`${inputClass} font-mono`} />
            </FormField>
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <ActionButton variant="secondary" icon="eye" onClick={() => void showPreview()} disabled={busy}>
                Preview
              </ActionButton>
              <ActionButton variant="secondary" icon="mail" onClick={() => void sendToMe()} disabled={busy}>
                Send test to me
              </ActionButton>
              <ActionButton type="submit" icon="check" loading={busy}>
                Send…
              </ActionButton>
            </div>
          </form>
        </Card>
        <Card id="email-preview" title="Preview" description="As the first recipient would get it.">
          {preview.data ? (
            <div className="space-y-3" aria-live="polite">
              <p className="text-sm font-medium text-slate-700 dark:text-slate-200">
                {recipients(preview.data.recipients)}
              </p>
              <p className="text-sm font-semibold break-words text-slate-900 dark:text-white">{preview.data.subject}</p>
              <pre className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 text-sm break-words whitespace-pre-wrap text-slate-800 dark:bg-slate-800 dark:text-slate-100">
                {preview.data.body}
              </pre>
            </div>
          ) : (
            <p className="text-sm text-slate-500 dark:text-slate-400">
              Choose Preview to see the email with a recipient's details filled in, and how many it reaches.
            </p>
          )}
        </Card>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title="Send this email?"
        tone="primary"
        message={
          confirming && (
            <p>
              “{confirming.values.subject}” goes to{' '}
              <strong>{recipients(confirming.recipients)}</strong>. It can be
              cancelled while it sends, but what was sent stays sent.
            </p>
          )
        }
        confirmLabel="Send"
        busy={send.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => void confirmSend()}
      />
    </>
  );
}
