import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];
export type WorkingHours = Schemas['WorkingHoursDto'];
export type WeeklySchedule = WorkingHours['schedule'];
export type UnitKindHours = Schemas['UnitKindWorkingHoursDto'];
export type UnitNetwork = Schemas['UnitNetworkDto'];
export type PutUnitNetworks = Schemas['PutUnitNetworksDto'];
export type PutWorkingHours = Schemas['PutWorkingHoursDto'];

const unitPath = (unitCode: string) => `/v1/detection/units/${encodeURIComponent(unitCode)}`;

export function useWorkingHours(unitCode: string | undefined) {
  return useQuery({ queryKey: ['detection', 'units', unitCode, 'hours'], enabled: !!unitCode, queryFn: () => api.get<WorkingHours>(`${unitPath(unitCode!)}/working-hours`) });
}

export function useUnitKinds() {
  return useQuery({ queryKey: ['detection', 'unit-kinds'], queryFn: () => api.get<UnitKindHours[]>('/v1/detection/unit-kinds/working-hours') });
}

export function useUnitNetworks(unitCode: string | undefined) {
  return useQuery({ queryKey: ['detection', 'units', unitCode, 'networks'], enabled: !!unitCode, queryFn: () => api.get<UnitNetwork[]>(`${unitPath(unitCode!)}/networks`) });
}

export function useUnitActions(unitCode: string) {
  const queryClient = useQueryClient();
  const done = () => void queryClient.invalidateQueries({ queryKey: ['detection', 'units', unitCode] });
  return {
    putHours: useMutation({ mutationFn: (body: PutWorkingHours) => api.put<WorkingHours>(`${unitPath(unitCode)}/working-hours`, body), onSuccess: done }),
    removeHours: useMutation({ mutationFn: (reason: string) => api.delete(`${unitPath(unitCode)}/working-hours${query({ reason })}`), onSuccess: done }),
    putNetworks: useMutation({ mutationFn: (body: PutUnitNetworks) => api.put<UnitNetwork[]>(`${unitPath(unitCode)}/networks`, body), onSuccess: done }),
  };
}

export function useUnitKindAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitKind, ...body }: { unitKind: string; schedule: WeeklySchedule; reason?: string }) => api.put<UnitKindHours>(`/v1/detection/unit-kinds/${encodeURIComponent(unitKind)}/working-hours`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['detection'] }),
  });
}
