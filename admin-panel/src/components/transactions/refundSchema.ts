import { z } from 'zod';
import { formatMoney } from '@/utils/format';
import { toCents } from '@/utils/money';

/**
 * A refund as api/schemas/transactions.py takes it, and no more than is still refundable (the
 * API checks that again under a lock: another refund may have been requested meanwhile).
 */
export function refundSchema(refundable: string, currency: string, needsOverride = false) {
  const most = toCents(refundable) ?? 0;
  return z.object({
    amount: z
      .string()
      .trim()
      .superRefine((value, context) => {
        const cents = toCents(value);
        const message =
          cents === null
            ? 'Enter an amount like 12.50.'
            : cents === 0
              ? 'Refund more than nothing.'
              : cents > most
                ? `At most ${formatMoney(refundable, currency)} can be refunded.`
                : null;
        if (message) context.addIssue({ code: 'custom', message });
      }),
    reason: z.string().trim().min(3, 'Say why in at least 3 characters.').max(1000, 'Use at most 1000 characters.'),
    override_reason: needsOverride
      ? z.string().trim().min(3, 'Say why this refund overrides the rule.').max(1000, 'Use at most 1000 characters.')
      : z.string().trim().max(1000),
  });
}

export type RefundValues = z.infer<ReturnType<typeof refundSchema>>;
