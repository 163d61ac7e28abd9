/** Form rules mirroring api/schemas/support.py; the API's field errors still land on the fields. */
import { z } from 'zod';
import { TICKET_STATUSES } from '@/api/enums';

export const replySchema = z.object({
  body: z.string().trim().min(1, 'Write a reply first.').max(20_000, 'Use at most 20,000 characters.'),
  is_internal: z.boolean(),
});

export const ticketStatusSchema = z.object({
  status: z.union([z.enum(TICKET_STATUSES as [string, ...string[]]), z.literal('')]).refine((value) => value !== '', {
    message: 'Choose the new status.',
  }),
  reason: z.string().trim().max(1000, 'Use at most 1000 characters.'),
});

export type ReplyValues = z.infer<typeof replySchema>;
export type TicketStatusValues = z.infer<typeof ticketStatusSchema>;
