import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';
import { DownloadedFile, fileNameOf } from '@/lib/save-file';

type Schemas = components['schemas'];

export type Report = Schemas['ReportDto'];
type ReportPage = Schemas['ReportPageDto'];
export type CreateReport = Schemas['CreateReportDto'];
/** The citizen's personal ID goes only in this body (POST), never in an address. */
export type CreateCitizenAccessReport = Schemas['CreateCitizenAccessReportDto'];
export type ReportFormat = 'pdf' | 'xlsx';

export const REPORT_KINDS = ['weekly', 'monthly', 'quarterly', 'on_demand', 'citizen_access'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORTS_PAGE_SIZE = 20;

const reportKeys = { all: ['reports'] as const, list: (kind?: ReportKind) => ['reports', 'list', kind ?? 'all'] as const };

/** The archive, newest first, a page at a time. */
export function useReports(kind?: ReportKind) {
  return useInfiniteQuery({
    queryKey: reportKeys.list(kind),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<ReportPage>(`/v1/reports${query({ kind, limit: REPORTS_PAGE_SIZE, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Another kind keeps the list shown until its own answer comes (no flash of a skeleton).
    placeholderData: keepPreviousData,
  });
}

/** An on-demand report of local days [from, to): archived by the service, then listed. */
export function useGenerateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (period: CreateReport) => api.post<Report>('/v1/reports', period),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

/** A citizen's access report: archived by the service (and recorded in its security log), then listed. */
export function useCitizenAccessReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateCitizenAccessReport) => api.post<Report>('/v1/reports/citizen-access', request),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

/** A report's file as archived (each download is recorded in the security log). */
export async function downloadReport(report: Report, format: ReportFormat): Promise<DownloadedFile> {
  const { blob, headers } = await apiDownload('GET', `/v1/reports/${encodeURIComponent(report.id)}/${format}`);
  return { blob, name: fileNameOf(headers, `bao-cao-${report.id}.${format}`) };
}

export function useDownloadReport() {
  return useMutation({ mutationFn: ({ report, format }: { report: Report; format: ReportFormat }) => downloadReport(report, format) });
}
