import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /v1/alerts/summary: counted by the server (the console recomputes nothing). */
export interface AlertSummary {
  open: number;
  openBySeverity: Record<string, number>;
  openByType: Record<string, number>;
  byStatus: Record<string, number>;
}

export function useAlertSummary() {
  // The same key as the alerts feature invalidates after each triage step.
  return useQuery({ queryKey: ['alerts', 'summary'], queryFn: () => api.get<AlertSummary>('/v1/alerts/summary') });
}
