/** Form rules mirroring api/schemas/orders.py; the API stays the judge. */
import { z } from 'zod';

export const statusChangeSchema = z
  .object({
    status: z.string().min(1, 'Choose the new status.'),
    reason: z.string().trim().max(1000, 'Use at most 1000 characters.'),
  })
  // The API takes an empty reason; a cancellation without one leaves support guessing.
  .refine((values) => values.status !== 'cancelled' || values.reason.length >= 3, {
    path: ['reason'],
    message: 'Say why the order is cancelled.',
  });

export const deliverySchema = z.object({
  courier: z.string().trim().min(2, 'Enter the courier (2 characters or more).').max(100, 'Use at most 100 characters.'),
  tracking_number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,100}$/, '3–100 letters, digits or dashes.'),
  /** A datetime-local value, or empty for no estimate. */
  eta: z.string(),
});

export type StatusChangeValues = z.infer<typeof statusChangeSchema>;
export type DeliveryValues = z.infer<typeof deliverySchema>;
