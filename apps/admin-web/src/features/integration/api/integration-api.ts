import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];
export type SourceSystem = Schemas['SourceSystemDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type IssuedApiKey = Schemas['IssuedApiKeyDto'];

export function useSourceSystems() {
  return useQuery({ queryKey: ['source-systems'], queryFn: () => api.get<SourceSystem[]>('/v1/source-systems') });
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
