import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

/** GET /v1/alerts/summary: counted by the server (the console recomputes nothing). */
export type AlertSummary = components['schemas']['AlertSummaryDto'];

export function useAlertSummary() {
  // The same key as the alerts feature invalidates after each triage step.
  return useQuery({ queryKey: ['alerts', 'summary'], queryFn: () => api.get<AlertSummary>('/v1/alerts/summary') });
}
