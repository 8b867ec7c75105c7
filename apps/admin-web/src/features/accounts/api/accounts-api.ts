import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];

/** Types from the OpenAPI document: the numbers shown (lock date, idle start) are the API's. */
export type Account = Schemas['AccountDto'];
export type AccountHistoryEntry = Schemas['AccountHistoryEntryDto'];
type AccountPage = Schemas['AccountPageDto'];

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
