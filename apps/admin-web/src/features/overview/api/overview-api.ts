import { useQuery } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

/** GET /v1/alerts/summary: counted by the server (the console recomputes nothing). */
export type AlertSummary = components['schemas']['AlertSummaryDto'];

export function useAlertSummary() {
  // The same key as the alerts feature invalidates after each triage step.
  return useQuery({ queryKey: ['alerts', 'summary'], queryFn: () => api.get<AlertSummary>('/v1/alerts/summary') });
}

/** Active accounts whose idle lock falls within the week: the API counts them (total of GET /v1/accounts). */
export const LOCK_SOON_DAYS = 7;

export function useLocksThisWeek(enabled: boolean) {
  return useQuery({
    queryKey: ['accounts', 'lock-soon'],
    enabled,
    queryFn: () =>
      api.get<components['schemas']['AccountPageDto']>(`/v1/accounts${query({ state: 'active', lockDueWithinDays: LOCK_SOON_DAYS, limit: 1 })}`),
    select: (page) => page.total,
  });
}
