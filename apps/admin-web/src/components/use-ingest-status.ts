import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

/** GET /v1/ingest/status: events stored lately, rejections, Kafka lag. */
export type IngestStatus = components['schemas']['IngestStatusDto'];

export function useIngestStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['ingest', 'status'],
    enabled,
    queryFn: () => api.get<IngestStatus>('/v1/ingest/status'),
    refetchInterval: 60_000,
  });
}
