import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];
export type CalendarYear = Schemas['CalendarYearDto'];
export type CalendarDay = CalendarYear['days'][number];
export type PutCalendarDay = Schemas['PutCalendarDayDto'];

export function useCalendarYear(year: number) {
  return useQuery({ queryKey: ['detection', 'calendar', year], queryFn: () => api.get<CalendarYear>(`/v1/detection/calendar/days${query({ year })}`) });
}

export function useCalendarActions() {
  const queryClient = useQueryClient();
  const done = () => void queryClient.invalidateQueries({ queryKey: ['detection', 'calendar'] });
  return {
    put: useMutation({ mutationFn: ({ day, ...body }: PutCalendarDay & { day: string }) => api.put<CalendarDay>(`/v1/detection/calendar/days/${day}`, body), onSuccess: done }),
    remove: useMutation({ mutationFn: ({ day, reason }: { day: string; reason: string }) => api.delete(`/v1/detection/calendar/days/${day}${query({ reason })}`), onSuccess: done }),
  };
}
