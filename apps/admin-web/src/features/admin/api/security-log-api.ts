import { useQuery } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

export type SecurityEventPage = components['schemas']['SecurityEventPageDto'];
export type SecurityEvent = SecurityEventPage['items'][number];

export interface SecurityLogFilter {
  type?: string;
  actor?: string;
  /** Ha Noi days, YYYY-MM-DD, both included. */
  fromDay?: string;
  toDay?: string;
}

const startOf = (day: string) => new Date(`${day}T00:00:00+07:00`);

/** A page of the security log, newest first; `cursor` is the previous page's nextCursor. */
export function useSecurityLog(filter: SecurityLogFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ['security-log', filter, cursor],
    queryFn: () =>
      api.get<SecurityEventPage>(
        `/v1/security-log${query({
          type: filter.type,
          actor: filter.actor,
          from: filter.fromDay ? startOf(filter.fromDay).toISOString() : undefined,
          to: filter.toDay ? new Date(startOf(filter.toDay).getTime() + 86_400_000).toISOString() : undefined,
          cursor,
          limit: 50,
        })}`,
      ),
  });
}
