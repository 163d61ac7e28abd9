import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authorizedFetch } from '@/api/client';
import type { components } from '@/api/schema';
import { queryKeys } from './queryKeys';

export type OnboardingRead = components['schemas']['OnboardingRead'];
export type OnboardingStatus = components['schemas']['OnboardingStatus'];
export type DocumentType = components['schemas']['DocumentType'];
export type ResellerDocument = components['schemas']['ResellerDocumentRead'];

export const OPEN_ONBOARDING: readonly (OnboardingStatus | null | undefined)[] = ['collecting', 'awaiting_decision'];

export const DOCUMENT_TYPES: readonly [DocumentType, string][] = [
  ['business_registration', 'Business registration'],
  ['tax_certificate', 'Tax certificate'],
  ['proof_of_address', 'Proof of address'],
  ['owner_identity', "Owner's identity"],
  ['other', 'Other'],
];

const onboardingKey = (id: number) => [...queryKeys.reseller(id), 'onboarding'] as const;
const documentsKey = (id: number) => [...queryKeys.reseller(id), 'documents'] as const;

/** Polled while the onboarding is open: verifications, documents and decisions land from the workflow. */
export function useOnboarding(resellerId: number, open: boolean) {
  return useQuery({
    queryKey: onboardingKey(resellerId),
    queryFn: ({ signal }) =>
      api.get('/api/resellers/{reseller_id}/onboarding/', { path: { reseller_id: resellerId }, signal }),
    refetchInterval: open ? 3000 : false,
  });
}

export function useResellerDocuments(resellerId: number) {
  return useQuery({
    queryKey: documentsKey(resellerId),
    queryFn: ({ signal }) =>
      api.get('/api/resellers/{reseller_id}/documents/', { path: { reseller_id: resellerId }, signal }),
  });
}

export function useUploadDocument(resellerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, documentType }: { file: File; documentType: DocumentType }) => {
      const form = new FormData();
      form.set('document_type', documentType);
      form.set('file', file);
      // Multipart: the browser sets the Content-Type with its boundary.
      const response = await authorizedFetch(`/api/resellers/${resellerId}/documents/`, { method: 'POST', body: form });
      return (await response.json()) as ResellerDocument;
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.reseller(resellerId) });
    },
  });
}

export type OnboardingDecision =
  | { approve: true; credit_limit: string; commission_rate: string; reason: '' }
  | { approve: false; reason: string };

export function useDecideOnboarding(resellerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OnboardingDecision) =>
      api.post('/api/resellers/{reseller_id}/onboarding/decision/', { path: { reseller_id: resellerId }, body }),
    onSuccess: (answer) => {
      client.setQueryData(onboardingKey(resellerId), answer);
    },
  });
}
