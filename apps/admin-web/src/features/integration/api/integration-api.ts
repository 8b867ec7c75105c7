import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];
export type SourceSystem = Schemas['SourceSystemDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type IssuedApiKey = Schemas['IssuedApiKeyDto'];
export type FieldCatalog = Schemas['FieldCatalogDto'];
export type FieldCatalogEntry = FieldCatalog['fields'][number];
export type SourceFlagUsage = Schemas['SourceFlagUsageDto'];
export type NewSourceSystem = Schemas['CreateSourceSystemDto'];
export type RejectionPage = Schemas['RejectionPageDto'];
export type Rejection = RejectionPage['items'][number];
export type StuckBatch = Schemas['StuckBatchDto'];

export function useSourceSystems() {
  return useQuery({ queryKey: ['source-systems'], queryFn: () => api.get<SourceSystem[]>('/v1/source-systems') });
}

/** The catalog's labels and classes, by code (it changes with a deployment, not during a day). */
export function useFieldCatalog() {
  return useQuery({
    queryKey: ['source-systems', 'field-catalog'],
    staleTime: Infinity,
    queryFn: async () => new Map((await api.get<FieldCatalog>('/v1/field-catalog')).fields.map((f) => [f.code, f])),
  });
}

export function useUnregisteredSystems() {
  return useQuery({ queryKey: ['source-systems', 'unregistered'], queryFn: () => api.get<SourceFlagUsage[]>('/v1/source-systems/unregistered') });
}

export function useUndeclaredFields() {
  return useQuery({ queryKey: ['source-systems', 'undeclared'], queryFn: () => api.get<SourceFlagUsage[]>('/v1/source-systems/undeclared-fields') });
}

export function useRegisterSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (system: NewSourceSystem) => api.post<SourceSystem>('/v1/source-systems', system),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['source-systems'] }),
  });
}

export interface RejectionFilter {
  source?: string;
  reason?: string;
}

/** Rejected records, newest first, a page at a time (before= the previous page's cursor); counts cover every page. */
export function useRejections(filter: RejectionFilter, before: string | undefined) {
  return useQuery({
    queryKey: ['ingest', 'rejections', filter, before],
    queryFn: () => api.get<RejectionPage>(`/v1/ingest/rejections${query({ ...filter, before, limit: 20 })}`),
  });
}

export function useStuckBatches() {
  return useQuery({ queryKey: ['ingest', 'stuck-batches'], queryFn: () => api.get<StuckBatch[]>('/v1/ingest/stuck-batches') });
}

export function useApiKeys(enabled: boolean, includeRevoked: boolean) {
  return useQuery({
    queryKey: ['api-keys', includeRevoked],
    enabled,
    queryFn: () => api.get<ApiKey[]>(`/v1/api-keys${query({ includeRevoked: includeRevoked ? 'true' : undefined })}`),
  });
}

/** Create, rotate, revoke: the new key is in the answer only (shown once). */
export function useApiKeyActions() {
  const queryClient = useQueryClient();
  const done = () => void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
  return {
    create: useMutation({
      mutationFn: (input: { sourceSystemCode: string; name: string }) => api.post<IssuedApiKey>('/v1/api-keys', input),
      onSuccess: done,
    }),
    rotate: useMutation({ mutationFn: (id: string) => api.post<IssuedApiKey>(`/v1/api-keys/${id}/rotate`), onSuccess: done }),
    revoke: useMutation({ mutationFn: (id: string) => api.post<ApiKey>(`/v1/api-keys/${id}/revoke`), onSuccess: done }),
  };
}
