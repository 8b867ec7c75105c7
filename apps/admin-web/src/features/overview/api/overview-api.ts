import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

/** GET /v1/alerts/summary: counted by the server (the console recomputes nothing). */
export type AlertSummary = components['schemas']['AlertSummaryDto'];
/** GET /v1/detection/lookups/daily: the province's lookups per day, today and this month. */
export type LookupSeries = components['schemas']['LookupSeriesDto'];
export type AccountPage = components['schemas']['AccountPageDto'];

export const TREND_PERIODS = [30, 90] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

export function useAlertSummary() {
  // The same key as the alerts feature invalidates after each triage step.
  return useQuery({ queryKey: ['alerts', 'summary'], queryFn: () => api.get<AlertSummary>('/v1/alerts/summary') });
}

export function useLookupSeries(days: TrendPeriod) {
  return useQuery({
    queryKey: ['detection', 'lookups', days],
    queryFn: () => api.get<LookupSeries>(`/v1/detection/lookups/daily${query({ days })}`),
    // Switching 30/90 keeps the cards and the chart shown until the other period arrives.
    placeholderData: keepPreviousData,
  });
}

/** Active accounts whose idle lock falls within the week: the API selects and counts them (GET /v1/accounts). */
export const LOCK_SOON_DAYS = 7;
/** How many of them the card names; the rest are on the accounts page. */
export const LOCK_SOON_SHOWN = 5;

export function useLocksThisWeek(enabled: boolean) {
  return useQuery({
    queryKey: ['accounts', 'lock-soon'],
    enabled,
    queryFn: () => api.get<AccountPage>(`/v1/accounts${query({ state: 'active', lockDueWithinDays: LOCK_SOON_DAYS, limit: LOCK_SOON_SHOWN })}`),
  });
}
