import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { AlertDetail, AlertFilters, AlertOutcome, AlertPage, QueueSort, UserOption } from './alert.type';

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

/** A Ha Noi day's start as an instant (the API's from/to are instants; the window overlaps [from, to)). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);

export const alertKeys = {
  all: ['alerts'] as const,
  list: (f: AlertFilters, s: QueueSort) => ['alerts', 'list', f, s] as const,
  one: (id: string) => ['alerts', 'one', id] as const,
  summary: ['alerts', 'summary'] as const,
};

/** The queue in the API's order: every page continues the same sort, so "load more" never reshuffles. */
export function useAlertQueue(filters: AlertFilters, sort: QueueSort) {
  return useInfiniteQuery({
    queryKey: alertKeys.list(filters, sort),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<AlertPage>(
        `/v1/alerts${query({
          status: filters.status,
          type: filters.type,
          severity: filters.severity,
          accountId: filters.accountId,
          unitCode: filters.unitCode,
          from: filters.fromDay ? dayStart(filters.fromDay).toISOString() : undefined,
          to: filters.toDay ? new Date(dayStart(filters.toDay).getTime() + DAY_MS).toISOString() : undefined,
          sort: sort.sort,
          order: sort.order,
          cursor: pageParam,
          limit: PAGE_SIZE,
        })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAlert(id: string) {
  return useQuery({ queryKey: alertKeys.one(id), queryFn: () => api.get<AlertDetail>(`/v1/alerts/${encodeURIComponent(id)}`) });
}

/** Users an alert may be assigned to (admins read the user list; reviewers assign to themselves). */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'assignable'],
    enabled,
    queryFn: () => api.get<UserOption[]>('/v1/users?status=active&limit=500'),
    select: (users) => users.filter((u) => u.roles.includes('admin') || u.roles.includes('reviewer')),
  });
}

export type TriageStep =
  | { kind: 'acknowledge'; comment?: string }
  | { kind: 'assign'; userId: string; comment?: string }
  | { kind: 'comment'; text: string }
  | { kind: 'resolve'; outcome: AlertOutcome; comment?: string }
  | { kind: 'reopen'; reason: string };

/** Each step answers the alert as it now is; the page shows that answer and the queue reloads. */
export function useTriage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...body }: TriageStep) => api.post<AlertDetail>(`/v1/alerts/${encodeURIComponent(id)}/${kind}`, body),
    onSuccess: (alert) => {
      queryClient.setQueryData(alertKeys.one(id), alert);
      void queryClient.invalidateQueries({ queryKey: ['alerts', 'list'] });
      void queryClient.invalidateQueries({ queryKey: alertKeys.summary });
    },
  });
}

export interface SuppressionInput {
  reason: string;
  accountId?: string;
  type?: string;
  validUntil: string;
}

export function useCreateSuppression() {
  return useMutation({ mutationFn: (input: SuppressionInput) => api.post<{ id: string }>('/v1/alerts/suppressions', input) });
}
