import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { ResellerCreate, ResellerDetail } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { Card } from '@/components/common/Card/Card';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { useCreateReseller, useReplaceReseller } from '@/services/resellers';
import { applyApiErrors } from '@/utils/forms';
import { cx, inputClass } from '@/utils/styles';
import { normalisePhone, resellerSchema, type ResellerValues } from '@/utils/validation';

interface ResellerFormProps {
  /** Editing this reseller; adding a new one when absent. */
  reseller?: ResellerDetail;
  onSaved: (reseller: ResellerDetail) => void;
  onCancel: () => void;
}

const EMPTY: ResellerValues = {
  business_name: '',
  contact_person: '',
  email: '',
  phone: '',
  address: '',
  city: '',
  state: '',
  country: '',
  credit_limit: '0',
  commission_rate: '0',
  currency: 'USD',
};

const FIELDS = Object.keys(EMPTY) as (keyof ResellerValues)[];

function valuesOf(reseller: ResellerDetail): ResellerValues {
  return Object.fromEntries(FIELDS.map((name) => [name, String(reseller[name])])) as ResellerValues;
}

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <Card id={id} title={title} description={description}>
      <div className="grid gap-5 sm:grid-cols-2">{children}</div>
    </Card>
  );
}

/** Adds a reseller (POST) or replaces an existing one's editable fields (PUT). */
export function ResellerForm({ reseller, onSaved, onCancel }: ResellerFormProps) {
  const create = useCreateReseller();
  const replace = useReplaceReseller();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ResellerValues>({
    resolver: zodResolver(resellerSchema),
    defaultValues: reseller ? valuesOf(reseller) : EMPTY,
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const body: ResellerCreate = { ...values, phone: normalisePhone(values.phone) ?? '' };
    try {
      onSaved(reseller ? await replace.mutateAsync({ id: reseller.id, body }) : await create.mutateAsync(body));
    } catch (error) {
      setFormError(applyApiErrors(error, setError, FIELDS));
    }
  });

  const field = (name: keyof ResellerValues) => ({ id: `reseller-${name.replaceAll('_', '-')}`, error: errors[name]?.message });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {formError && <FormAlert>{formError}</FormAlert>}
      <Section id="business-section" title="Business">
        <FormField {...field('business_name')} label="Business name" required className="sm:col-span-2">
          <input {...register('business_name')} autoComplete="organization" className={inputClass} />
        </FormField>
        <FormField {...field('contact_person')} label="Contact person" required>
          <input {...register('contact_person')} autoComplete="name" className={inputClass} />
        </FormField>
        <FormField {...field('email')} label="Email" required>
          <input {...register('email')} type="email" autoComplete="email" className={inputClass} />
        </FormField>
        <FormField {...field('phone')} label="Phone" required hint="International format, e.g. +14155550123">
          <input {...register('phone')} type="tel" autoComplete="tel" className={inputClass} />
        </FormField>
      </Section>
      <Section id="address-section" title="Address">
        <FormField {...field('address')} label="Street address" className="sm:col-span-2">
          <textarea {...register('address')} rows={2} autoComplete="street-address" className={inputClass} />
        </FormField>
        <FormField {...field('city')} label="City" required>
          <input {...register('city')} autoComplete="address-level2" className={inputClass} />
        </FormField>
        <FormField {...field('state')} label="State or region">
          <input {...register('state')} autoComplete="address-level1" className={inputClass} />
        </FormField>
        <FormField {...field('country')} label="Country" required>
          <input {...register('country')} autoComplete="country-name" className={inputClass} />
        </FormField>
      </Section>
      <Section id="limits-section" title="Account limits" description="What the reseller may owe, and what they earn on each sale.">
        <FormField {...field('credit_limit')} label="Credit limit" required hint="The most they may owe at once.">
          <input {...register('credit_limit')} inputMode="decimal" className={inputClass} />
        </FormField>
        <FormField {...field('commission_rate')} label="Commission (%)" required>
          <input {...register('commission_rate')} inputMode="decimal" className={inputClass} />
        </FormField>
        <FormField {...field('currency')} label="Currency" required hint="Three-letter code, e.g. USD or EUR.">
          <input
            {...register('currency', { setValueAs: (value: string) => value.toUpperCase() })}
            maxLength={3}
            autoCapitalize="characters"
            className={cx(inputClass, 'uppercase')}
          />
        </FormField>
      </Section>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <ActionButton variant="secondary" onClick={onCancel}>
          Cancel
        </ActionButton>
        <ActionButton type="submit" loading={isSubmitting}>
          {reseller ? 'Save changes' : 'Add reseller'}
        </ActionButton>
      </div>
    </form>
  );
}
