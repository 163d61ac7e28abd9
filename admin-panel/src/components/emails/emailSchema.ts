import { z } from 'zod';
import type { Segment } from '@/services/emails';
import { variableProblem } from '@/utils/templateText';

/** The variables an email may use (services/campaigns.py). */
export const VARIABLES = ['name', 'email'] as const;

/** Who a segment reaches, and what its value is (api/schemas/campaigns.py). */
export const SEGMENTS: Record<Segment, { label: string; value?: { label: string; hint: string } }> = {
  person: { label: 'One person', value: { label: 'Email address', hint: 'Any address; a known account gets its name filled in.' } },
  all_resellers: { label: 'All resellers' },
  active_resellers: { label: 'Active resellers' },
  plan_users: { label: 'App users of a plan', value: { label: 'Plan id', hint: 'App users who ordered this plan.' } },
  city_users: { label: 'App users in a city', value: { label: 'City', hint: 'As written in their profile.' } },
  reseller_clients: { label: "A reseller's clients", value: { label: 'Reseller id', hint: 'The number in its page address.' } },
};

const withVariables = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Required.')
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`)
    .superRefine((value, ctx) => {
      const problem = variableProblem(value, VARIABLES);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** POST /api/admin/emails/ (and its preview). */
export const emailSchema = z
  .object({
    subject: withVariables(255),
    body: withVariables(50_000),
    segment: z.enum(['person', 'all_resellers', 'active_resellers', 'plan_users', 'city_users', 'reseller_clients']),
    segment_value: z.string().trim().max(254, 'Use at most 254 characters.'),
  })
  .superRefine(({ segment, segment_value: value }, ctx) => {
    const problem =
      segment === 'person'
        ? !z.email().safeParse(value).success && 'Enter an email address.'
        : segment === 'plan_users' || segment === 'reseller_clients'
          ? !/^\d+$/.test(value) && 'Enter a number.'
          : segment === 'city_users'
            ? !value && 'Enter a city.'
            : false;
    if (problem) ctx.addIssue({ code: 'custom', path: ['segment_value'], message: problem });
  });

export type EmailValues = z.infer<typeof emailSchema>;

/** What the API is sent: segments without a value send none. */
export function emailBody(values: EmailValues) {
  return { ...values, segment_value: SEGMENTS[values.segment].value ? values.segment_value : '' };
}
