import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];

export type Incident = Schemas['IncidentDto'];
export type IncidentDetail = Schemas['IncidentDetailDto'];
export type IncidentPage = Schemas['IncidentPageDto'];
export type NoticeVersion = Schemas['NoticeVersionListDto']['items'][number];
export type NoticeContent = NoticeVersion['content'];
export type OpenIncident = Schemas['OpenIncidentDto'];
export type UpdateIncident = Schemas['UpdateIncidentDto'];
export type RecordSending = Schemas['RecordSendingDto'];
export type AddConfirmation = Schemas['AddConfirmationDto'];
export type NoticeFile = 'pdf' | 'docx' | 'citizen-pdf' | 'citizen-docx';

export const incidentKeys = {
  all: ['incidents'] as const,
  list: (status?: string) => ['incidents', 'list', status ?? 'all'] as const,
  one: (id: string) => ['incidents', 'one', id] as const,
  versions: (id: string) => ['incidents', 'versions', id] as const,
};

/** The list refreshes each minute: the reminders job marks late incidents on the server. */
export function useIncidents(status?: string) {
  return useQuery({
    queryKey: incidentKeys.list(status),
    queryFn: () => api.get<IncidentPage>(`/v1/incidents${query({ status, limit: 200 })}`),
    refetchInterval: 60_000,
  });
}

export function useIncident(id: string) {
  return useQuery({ queryKey: incidentKeys.one(id), queryFn: () => api.get<IncidentDetail>(`/v1/incidents/${encodeURIComponent(id)}`), refetchInterval: 60_000 });
}

export function useNoticeVersions(id: string) {
  return useQuery({
    queryKey: incidentKeys.versions(id),
    queryFn: () => api.get<Schemas['NoticeVersionListDto']>(`/v1/incidents/${encodeURIComponent(id)}/notice/versions`),
    select: (page) => page.items,
  });
}

/** After any write: the incident, its versions and the list change together. */
function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: incidentKeys.all });
}

export function useOpenIncident() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: OpenIncident) => api.post<IncidentDetail>('/v1/incidents', body), onSuccess: invalidate });
}

export function useUpdateIncident(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: UpdateIncident) => api.patch<IncidentDetail>(`/v1/incidents/${id}`, body), onSuccess: invalidate });
}

export function useSaveNotice(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (content: NoticeContent) => api.post<NoticeVersion>(`/v1/incidents/${id}/notice/versions`, { content }), onSuccess: invalidate });
}

export function useFinaliseNotice(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (version: number) => api.post<NoticeVersion>(`/v1/incidents/${id}/notice/finalise`, { version }), onSuccess: invalidate });
}

export function useRecordSending(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: RecordSending) => api.post<IncidentDetail>(`/v1/incidents/${id}/sending`, body), onSuccess: invalidate });
}

export function useAddConfirmation(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: AddConfirmation) => api.post<IncidentDetail>(`/v1/incidents/${id}/confirmation`, body), onSuccess: invalidate });
}

const EXTENSIONS: Record<NoticeFile, string> = { pdf: 'pdf', docx: 'docx', 'citizen-pdf': 'pdf', 'citizen-docx': 'docx' };

/** A finalised notice's file, named after the incident, version and form. */
export async function downloadNotice(id: string, version: number, file: NoticeFile): Promise<{ blob: Blob; name: string }> {
  const { blob } = await apiDownload('GET', `/v1/incidents/${id}/notice/versions/${version}/${file}`);
  const prefix = file.startsWith('citizen') ? 'thong-bao-chu-the-du-lieu' : 'thong-bao-vi-pham';
  return { blob, name: `${prefix}-${id}-v${version}.${EXTENSIONS[file]}` };
}

export async function downloadRecordFile(id: string, recordId: string, name: string): Promise<{ blob: Blob; name: string }> {
  const { blob } = await apiDownload('GET', `/v1/incidents/${id}/records/${recordId}/file`);
  return { blob, name };
}
