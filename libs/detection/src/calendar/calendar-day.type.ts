import { LocalDay } from './local-day.util';

/** working: a make-up working day (ngày làm bù) or a cancelled holiday; day_off: a swapped or extra day off (ngày nghỉ bù). */
export type CalendarDayKind = 'working' | 'day_off';

/** A day an admin declared, overriding the computed calendar. */
export interface CalendarDay {
  day: LocalDay;
  kind: CalendarDayKind;
  name: string;
  reason: string;
  updatedBy: string;
  updatedAt: Date;
}

export interface CalendarDayChange {
  day: LocalDay;
  action: 'put' | 'delete';
  kind: CalendarDayKind | null;
  name: string | null;
  reason: string;
  actor: string;
  at: Date;
}
