/** api/schemas/api_keys.py ApiKeyCreate; expiry is picked as a day and must be in the future. */
import { z } from 'zod';
import { todayIso } from '@/utils/dates';

export const apiKeySchema = z.object({
  name: z.string().trim().min(1, 'Name the key, e.g. after the integration using it.').max(100, 'Use at most 100 characters.'),
  scopes: z.array(z.string()).min(1, 'Choose at least one permission.').max(100, 'Choose at most 100 permissions.'),
  expires_on: z.string().refine((value) => value === '' || value > todayIso(), 'Pick a day after today, or none.'),
});

export type ApiKeyValues = z.infer<typeof apiKeySchema>;
