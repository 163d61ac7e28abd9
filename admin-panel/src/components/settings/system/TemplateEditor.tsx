import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { TemplateRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { ConfirmDialog } from '@/components/common/ConfirmDialog/ConfirmDialog';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { Modal } from '@/components/common/Modal/Modal';
import { useNotify } from '@/hooks/useNotify';
import { usePreviewTemplate, useResetTemplate, useSaveTemplate } from '@/services/settings';
import { humanize } from '@/utils/format';
import { applyApiErrors } from '@/utils/forms';
import { inputClass } from '@/utils/styles';
import { insertAtCursor, usesVariable, variableTag } from '@/utils/templateText';

/** api/schemas/settings.py TemplateOverride, plus the check that the required variables stay. */
function templateSchema(template: TemplateRead) {
  const email = template.channel === 'email';
  return z
    .object({
      subject: email
        ? z.string().trim().min(1, 'An email needs a subject.').max(255, 'Use at most 255 characters.')
        : z.string(),
      body: z.string().trim().min(1, 'Write the message.').max(10_000, 'Use at most 10,000 characters.'),
    })
    .superRefine((values, context) => {
      const missing = template.required_variables.filter(
        (name) => !usesVariable(values.body, name) && !usesVariable(values.subject, name),
      );
      if (missing.length > 0) {
        context.addIssue({
          code: 'custom',
          path: ['body'],
          message: `Keep ${missing.map(variableTag).join(', ')}: the message is useless without it.`,
        });
      }
    });
}

type Values = { subject: string; body: string };

interface TemplateEditorProps {
  template: TemplateRead;
  readOnly: boolean;
  onClose: () => void;
}

export function TemplateEditor({ template, readOnly, onClose }: TemplateEditorProps) {
  const formId = useId();
  const { notify } = useNotify();
  const save = useSaveTemplate();
  const reset = useResetTemplate();
  const preview = usePreviewTemplate();
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const schema = useMemo(() => templateSchema(template), [template]);
  const email = template.channel === 'email';
  const id = { channel: template.channel as 'email' | 'sms', name: template.name };
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { subject: template.subject, body: template.body } });
  const fields = ['subject', 'body'] as const;
  const bodyField = register('body');
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);

  function insertVariable(name: string) {
    const [body, caret] = insertAtCursor(bodyRef.current, getValues('body'), variableTag(name));
    setValue('body', body, { shouldDirty: true });
    bodyRef.current?.focus();
    bodyRef.current?.setSelectionRange(caret, caret);
  }

  const onSave = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await save.mutateAsync({ ...id, subject: email ? values.subject.trim() : '', body: values.body });
      notify('success', `${humanize(template.name)} (${template.channel}) saved.`);
      onClose();
    } catch (error) {
      setFormError(applyApiErrors(error, setError, fields));
    }
  });

  const onPreview = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await preview.mutateAsync({ ...id, subject: values.subject, body: values.body });
    } catch (error) {
      setFormError(applyApiErrors(error, setError, fields));
    }
  });

  async function resetToDefault() {
    try {
      await reset.mutateAsync(id);
      notify('success', `${humanize(template.name)} (${template.channel}) is back to the default text.`);
      onClose();
    } catch (error) {
      setConfirmReset(false);
      setFormError(applyApiErrors(error, setError, fields));
    }
  }

  return (
    <Modal
      open
      size="lg"
      onClose={isSubmitting ? () => undefined : onClose}
      title={`${humanize(template.name)} · ${template.channel === 'sms' ? 'SMS' : 'Email'}`}
      description={template.overridden ? 'Customised text: the default is kept and can be restored.' : 'The default text.'}
      footer={
        <>
          {template.overridden && !readOnly && (
            <ActionButton variant="ghost" className="mr-auto" onClick={() => setConfirmReset(true)}>
              Reset to default
            </ActionButton>
          )}
          <ActionButton variant="secondary" onClick={() => void onPreview()} loading={preview.isPending}>
            Preview
          </ActionButton>
          {!readOnly && (
            <ActionButton type="submit" form={formId} loading={isSubmitting}>
              Save template
            </ActionButton>
          )}
        </>
      }
    >
      <form id={formId} onSubmit={onSave} noValidate className="space-y-4">
        {formError && <FormAlert>{formError}</FormAlert>}
        {email && (
          <FormField id={`${formId}-subject`} label="Subject" error={errors.subject?.message} required>
            <input {...register('subject')} readOnly={readOnly} data-autofocus className={inputClass} />
          </FormField>
        )}
        <FormField id={`${formId}-body`} label="Message" error={errors.body?.message} required>
          <textarea
            {...bodyField}
            ref={(element) => {
              bodyField.ref(element);
              bodyRef.current = element;
            }}
            readOnly={readOnly}
            rows={email ? 8 : 4}
            className={`${inputClass} font-mono`}
          />
        </FormField>
        <div>
          <p className="text-sm font-medium text-slate-700 dark:text-slate-200">Variables</p>
          {template.variables.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">This message takes no variables.</p>
          ) : (
            <>
              <ul aria-label="Variables" className="mt-1.5 flex flex-wrap gap-1.5">
                {template.variables.map((name) => (
                  <li key={name} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                    {readOnly ? (
                      variableTag(name)
                    ) : (
                      <button type="button" onClick={() => insertVariable(name)} aria-label={`Insert ${variableTag(name)}`} className="hover:underline">
                        {variableTag(name)}
                      </button>
                    )}
                    {template.required_variables.includes(name) && <span className="ml-1 text-red-600 dark:text-red-400">required</span>}
                  </li>
                ))}
              </ul>
              <p className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
                {readOnly ? '' : 'Click a variable to insert it. '}Filters such as <code>{'{{ name | upper }}'}</code> and{' '}
                <code>{'{% if name %}…{% endif %}'}</code> work too.
              </p>
            </>
          )}
        </div>
        {preview.data && (
          <section aria-label="Preview" className="rounded-lg border border-slate-200 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-950">
            <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
              Preview with sample values
            </p>
            {email && <p className="mt-2 text-sm font-medium text-slate-900 dark:text-white">{preview.data.subject}</p>}
            <p className="mt-2 text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200">{preview.data.body}</p>
          </section>
        )}
      </form>
      <ConfirmDialog
        open={confirmReset}
        title="Reset to the default text?"
        message="The customised text is deleted; the default is sent from now on."
        confirmLabel="Reset to default"
        busy={reset.isPending}
        onConfirm={() => void resetToDefault()}
        onCancel={() => setConfirmReset(false)}
      />
    </Modal>
  );
}
