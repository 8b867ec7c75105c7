import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];

/** Types from the OpenAPI document: the numbers shown (lock date, idle start) are the API's. */
export type Account = Schemas['AccountDto'];
export type AccountHistoryEntry = Schemas['AccountHistoryEntryDto'];
type AccountPage = Schemas['AccountPageDto'];
export type Exemption = Schemas['ExemptionDto'];
export type NewExemption = Schemas['CreateExemptionDto'];
export type LockWarning = Schemas['LockWarningDto'];
export type IdleLockRun = Schemas['IdleLockRunDto'];
export type DirectorySyncResult = Schemas['DirectorySyncResultDto'];

export interface AccountFilters {
  search?: string;
  state?: 'active' | 'locked';
  unitCode?: string;
  lockDueWithinDays?: number;
}

export const PAGE_SIZE = 20;

export function useAccounts(filters: AccountFilters, page: number) {
  return useQuery({
    queryKey: ['accounts', 'list', filters, page],
    queryFn: () =>
      api.get<AccountPage>(`/v1/accounts${query({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string) {
  return useQuery({ queryKey: ['accounts', 'one', id], queryFn: () => api.get<Account>(`/v1/accounts/${encodeURIComponent(id)}`) });
}

export function useAccountHistory(id: string) {
  return useQuery({
    queryKey: ['accounts', 'history', id],
    queryFn: () => api.get<AccountHistoryEntry[]>(`/v1/accounts/${encodeURIComponent(id)}/history`),
  });
}

/** Lock or unlock with the reason; the TTHC system is told by the service. */
export function useLockChange(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ to, reason }: { to: 'lock' | 'unlock'; reason: string }) =>
      api.post<Schemas['LockChangeResultDto']>(`/v1/accounts/${encodeURIComponent(id)}/${to}`, { reason }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

const path = (id: string, rest = '') => `/v1/accounts/${encodeURIComponent(id)}${rest}`;

export function useExemptions(id: string) {
  return useQuery({ queryKey: ['accounts', 'exemptions', id], queryFn: () => api.get<Exemption[]>(path(id, '/exemptions')) });
}

/** Grant or revoke an exemption from the idle lock; the account (its lock date) and its history reload. */
export function useExemptionChange(id: string) {
  const queryClient = useQueryClient();
  const done = () => void queryClient.invalidateQueries({ queryKey: ['accounts'] });
  return {
    grant: useMutation({ mutationFn: (input: NewExemption) => api.post<Exemption>(path(id, '/exemptions'), input), onSuccess: done }),
    revoke: useMutation({
      mutationFn: ({ exemptionId, reason }: { exemptionId: string; reason: string }) =>
        api.post<Exemption>(path(id, `/exemptions/${encodeURIComponent(exemptionId)}/revoke`), { reason }),
      onSuccess: done,
    }),
  };
}

/** The warnings sent to an account before its idle locks, newest first. */
export function useLockWarnings(accountId: string) {
  return useQuery({
    queryKey: ['accounts', 'lock-warnings', accountId],
    queryFn: () => api.get<LockWarning[]>(`/v1/accounts/lock-warnings${query({ accountId })}`),
  });
}

/** What the idle-lock job would lock now; changes nothing. */
export function useIdleLockDryRun() {
  return useMutation({ mutationFn: () => api.post<IdleLockRun>('/v1/accounts/idle-lock/run?dryRun=true') });
}

/** What syncing this directory file would do; changes nothing. JSON goes as JSON, NDJSON and CSV as they are. */
export function useSyncDryRun() {
  return useMutation({
    mutationFn: ({ content, contentType, mode }: { content: string; contentType: string; mode: 'full' | 'delta' }) =>
      api.post<DirectorySyncResult>(`/v1/accounts/sync${query({ dryRun: 'true', mode })}`, content, { contentType }),
  });
}
