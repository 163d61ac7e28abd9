import { z } from 'zod';

/** What POST and PATCH /api/settings/webhooks/ accept (api/schemas/webhook_endpoints.py). */
export const webhookSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Enter the URL to send events to.')
    .max(2000, 'Use at most 2000 characters.')
    .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), 'Use a full http:// or https:// URL.'),
  description: z.string().trim().max(200, 'Use at most 200 characters.'),
  event_types: z
    .array(z.enum(['order.status_changed', 'payment.captured', 'refund.completed']))
    .min(1, 'Pick at least one event.'),
  is_active: z.boolean(),
});

export type WebhookValues = z.infer<typeof webhookSchema>;
