import type { WeeklySchedule } from '../api/units-api';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const PERIOD = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** "07:30-11:30, 13:30-17:00" as the API's periods; an empty text is a closed day. */
export const periodsOf = (text: string | undefined): string[] =>
  (text ?? '').split(/[,;\s]+/).map((p) => p.trim()).filter(Boolean);

/** Whether a day's text is periods HH:MM-HH:MM, each ending after it starts, in order and not overlapping. */
export function periodsValid(text: string | undefined): boolean {
  let last = -1;
  for (const p of periodsOf(text)) {
    if (!PERIOD.test(p)) return false;
    const [start, end] = p.split('-').map(minutes);
    if (end <= start || start < last) return false;
    last = end;
  }
  return periodsOf(text).length <= 6;
}

export const scheduleText = (schedule: WeeklySchedule): Record<Weekday, string> =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, (schedule[d] ?? []).join(', ')])) as Record<Weekday, string>;

export const scheduleOf = (text: Partial<Record<Weekday, string>>): WeeklySchedule =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, periodsOf(text[d])])) as WeeklySchedule;
