import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];
export type DetectionSetting = Schemas['DetectionSettingDto'];
export type SettingsPreview = Schemas['DetectionSettingsPreviewDto'];
export type PreviewAlert = SettingsPreview['added'][number];

/** One row per section: detectors sharing a section (the two network detectors) share its values. */
export function useDetectionSettings() {
  return useQuery({
    queryKey: ['detection', 'settings'],
    queryFn: async () => {
      const bySection = new Map<string, DetectionSetting>();
      for (const s of await api.get<DetectionSetting[]>('/v1/detection/settings')) {
        const seen = bySection.get(s.section);
        bySection.set(s.section, seen ? { ...seen, types: [...seen.types, ...s.types] } : s);
      }
      return [...bySection.values()];
    },
  });
}

/** What the proposed value would have raised and dropped over the last `days` closed days (nothing is saved). */
export function usePreviewSetting(section: string) {
  return useMutation({
    mutationFn: (input: { value: Record<string, unknown>; days: number }) => api.post<SettingsPreview>(`/v1/detection/settings/${encodeURIComponent(section)}/preview`, input),
  });
}

/** Saves a section's value with a reason; null goes back to config/detection.json. */
export function useSaveSetting(section: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { value: Record<string, unknown> | null; reason: string }) => api.put<DetectionSetting>(`/v1/detection/settings/${encodeURIComponent(section)}`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['detection', 'settings'] }),
  });
}
