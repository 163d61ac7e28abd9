import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useMemo, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import type { SettingRead } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useNotify } from '@/hooks/useNotify';
import { useUpdateSettings, type SettingValue } from '@/services/settings';
import { humanize } from '@/utils/format';
import { applyApiErrors } from '@/utils/forms';
import { checkboxClass, inputClass } from '@/utils/styles';
import { SETTINGS_SCHEMAS, type EditableGroup } from './settingsSchemas';

type Values = Record<string, string | boolean>;

interface SettingsGroupFormProps {
  group: EditableGroup;
  settings: SettingRead[];
  /** Without settings:write the values are shown, not editable. */
  readOnly: boolean;
  /** Labels by setting name, where humanize(name) would not do. */
  labels?: Record<string, string>;
  /** Called as values change, e.g. to preview a colour before it is saved. */
  onDraft?: (values: Values) => void;
}

/** Settings as the form edits them: numbers and nulls as text, booleans as checkboxes. */
function toForm(setting: SettingRead): string | boolean {
  if (setting.type === 'boolean') return setting.value === true;
  return setting.value === null || setting.value === undefined ? '' : String(setting.value);
}

function toApi(setting: SettingRead, value: string | boolean): SettingValue {
  if (typeof value === 'boolean') return value;
  const text = value.trim();
  if (setting.type === 'number') return Number(text);
  // An emptied optional value (the support phone) is "none", which resets it.
  return text === '' && setting.default === null ? null : text;
}

/** One group of system settings (general, pricing…), sending only what changed. */
export function SettingsGroupForm({ group, settings, readOnly, labels = {}, onDraft }: SettingsGroupFormProps) {
  const formId = useId();
  const { notify } = useNotify();
  const update = useUpdateSettings(group);
  const [formError, setFormError] = useState<string | null>(null);
  const schema = SETTINGS_SCHEMAS[group];
  const fields = useMemo(
    () => settings.filter((setting) => setting.writable && setting.name in schema.shape),
    [settings, schema],
  );
  const saved = useMemo(() => Object.fromEntries(fields.map((s) => [s.name, toForm(s)])) as Values, [fields]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<Values>({ resolver: zodResolver(schema) as unknown as Resolver<Values>, defaultValues: saved });

  useEffect(() => reset(saved), [saved, reset]);
  useEffect(() => {
    if (!onDraft) return;
    const subscription = watch((values) => onDraft(values as Values));
    return () => subscription.unsubscribe();
  }, [watch, onDraft]);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const changes: Record<string, SettingValue> = {};
    for (const setting of fields) {
      const next = toApi(setting, values[setting.name] ?? '');
      if (next !== setting.value) changes[setting.name] = next;
    }
    if (Object.keys(changes).length === 0) return;
    try {
      await update.mutateAsync(changes);
      notify('success', 'Settings saved.');
    } catch (error) {
      setFormError(applyApiErrors(error, setError, fields.map((s) => s.name)));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <div className="grid gap-5 sm:grid-cols-2">
        {fields.map((setting) => {
          const id = `${formId}-${setting.name}`;
          const label = labels[setting.name] ?? humanize(setting.name);
          const error = errors[setting.name]?.message;
          if (setting.type === 'boolean') {
            return (
              <div key={setting.name} className="sm:col-span-2">
                <label htmlFor={id} className="flex items-start gap-3 text-sm text-slate-700 dark:text-slate-200">
                  <input
                    id={id}
                    type="checkbox"
                    {...register(setting.name)}
                    disabled={readOnly}
                    className={`${checkboxClass} mt-0.5`}
                  />
                  <span>
                    <span className="font-medium">{label}</span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">{setting.description}</span>
                  </span>
                </label>
              </div>
            );
          }
          return (
            <FormField key={setting.name} id={id} label={label} error={error} hint={setting.description}>
              {setting.name.endsWith('_color') ? (
                <input
                  {...register(setting.name)}
                  type="color"
                  disabled={readOnly}
                  className="h-10 w-24 cursor-pointer rounded-lg border border-slate-300 bg-white p-1 dark:border-slate-700 dark:bg-slate-900"
                />
              ) : (
                <input
                  {...register(setting.name)}
                  type="text"
                  inputMode={setting.type === 'number' ? 'decimal' : undefined}
                  readOnly={readOnly}
                  className={inputClass}
                />
              )}
            </FormField>
          );
        })}
      </div>
      {!readOnly && (
        <div className="flex flex-wrap gap-2">
          <ActionButton type="submit" loading={isSubmitting} disabled={!isDirty}>
            Save changes
          </ActionButton>
          {isDirty && (
            <ActionButton variant="secondary" onClick={() => reset(saved)} disabled={isSubmitting}>
              Discard
            </ActionButton>
          )}
        </div>
      )}
    </form>
  );
}
