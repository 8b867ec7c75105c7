import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, apiDownload, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';
import { DownloadedFile, fileNameOf } from '@/lib/save-file';

type Schemas = components['schemas'];

export type TraceEvent = Schemas['TraceEventDto'];
export type TraceSearchPage = Schemas['TraceSearchPageDto'];
export type CitizenTimeline = Schemas['CitizenTimelineDto'];
export type AccountTimeline = Schemas['AccountTimelineDto'];
export type TimelineAlert = Schemas['TimelineAlertDto'];
export type TraceHistoryEntry = Schemas['TraceHistoryEntryDto'];
type TraceHistoryPage = Schemas['TraceHistoryPageDto'];

export const TRACE_ACTIONS = ['login', 'logout', 'lookup', 'verify', 'export'] as const;
export const TRACE_RESULTS = ['success', 'not_found', 'denied', 'error'] as const;

/** The case every tracing call names (required by the API: a 400 naming the missing field otherwise). */
export interface TraceCase {
  caseReference: string;
  purpose: string;
}

/** The criteria but the citizen: what the page's address carries. Lists are the API's "any of". */
export interface TraceCriteria {
  accountId?: string[];
  unitCode?: string[];
  clientIp?: string[];
  sourceSystem?: string[];
  action?: string[];
  result?: string[];
  field?: string[];
  dossierCode?: string[];
  procedureCode?: string[];
  explained?: boolean;
  from?: string;
  to?: string;
}

/** A search as sent: the case, the criteria and the citizens' personal IDs (only ever in this body). */
export interface TraceSearch {
  case: TraceCase;
  criteria: TraceCriteria;
  subjectIds: string[];
}

export const TRACE_PAGE_SIZE = 50;

const bodyOf = (s: TraceSearch) => ({ ...s.case, ...s.criteria, ...(s.subjectIds.length ? { subjectIds: s.subjectIds } : {}) });

/**
 * Every search goes by POST /v1/trace/search, citizens or not, so that a personal ID is never in a URL. Each page
 * is recorded by the service in the security log; the query runs only when `search` is set (a submitted form).
 */
export function useTraceSearch(search: TraceSearch | null) {
  return useInfiniteQuery({
    queryKey: ['trace', 'search', search],
    enabled: search !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.post<TraceSearchPage>('/v1/trace/search', { ...bodyOf(search!), limit: TRACE_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useCitizenTimeline(request: { case: TraceCase; subjectId: string; from?: string; to?: string } | null) {
  return useQuery({
    queryKey: ['trace', 'citizen-timeline', request],
    enabled: request !== null,
    queryFn: () => api.post<CitizenTimeline>('/v1/trace/citizen-timeline', { ...request!.case, subjectId: request!.subjectId, from: request!.from, to: request!.to }),
    // Asked once per page (each call is recorded): kept while the page is open, as the search is.
    staleTime: Infinity,
  });
}

export function useAccountTimeline(request: { case: TraceCase; accountId: string; from: string; to: string } | null) {
  return useQuery({
    queryKey: ['trace', 'account-timeline', request],
    enabled: request !== null,
    queryFn: () =>
      api.get<AccountTimeline>(
        `/v1/trace/account-timeline${query({ ...request!.case, accountId: request!.accountId, from: request!.from, to: request!.to })}`,
      ),
    staleTime: Infinity,
  });
}

export const HISTORY_PAGE_SIZE = 20;

/** The signed-in user's own tracing, from the security log. */
export function useTraceHistory() {
  return useInfiniteQuery({
    queryKey: ['trace', 'history'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<TraceHistoryPage>(`/v1/trace/history${query({ limit: HISTORY_PAGE_SIZE, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

export function useReveal() {
  return useMutation({
    mutationFn: (r: { case: TraceCase; event: TraceEvent; reason: string }) =>
      api.post<Schemas['RevealedSubjectDto']>('/v1/trace/reveal', { ...r.case, sourceSystem: r.event.sourceSystem, eventId: r.event.eventId, reason: r.reason }),
  });
}

export type ExportFormat = 'csv' | 'xlsx';

export interface DownloadedExport {
  id: string;
  file: DownloadedFile;
  manifest: DownloadedFile;
}

/** The file (streamed by the service, which stores the manifest by the time it ends), then its manifest. */
export function useExport() {
  return useMutation({
    /** revealReason: the file also carries each citizen's personal ID in clear (audit:reveal), for that reason. */
    mutationFn: async ({ search, format, revealReason }: { search: TraceSearch; format: ExportFormat; revealReason?: string }): Promise<DownloadedExport> => {
      const file = revealReason
        ? await apiDownload('POST', `/v1/trace/export/revealed${query({ format })}`, { ...bodyOf(search), reason: revealReason })
        : await apiDownload('POST', `/v1/trace/export${query({ format })}`, bodyOf(search));
      const id = file.headers.get('X-Export-Id') ?? '';
      const manifest = await apiDownload('GET', `/v1/trace/exports/${encodeURIComponent(id)}/manifest`);
      return {
        id,
        file: { blob: file.blob, name: fileNameOf(file.headers, `trace-export-${id}.${format}`) },
        manifest: { blob: manifest.blob, name: fileNameOf(manifest.headers, `trace-export-${id}.manifest.json`) },
      };
    },
  });
}
