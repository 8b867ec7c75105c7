import { WeekdayIndex } from '../calendar/local-day.util';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening periods per weekday, 'HH:MM-HH:MM' local time; a weekday absent or empty is closed. */
export type WeeklySchedule = Partial<Record<Weekday, string[]>>;

/** The same, as minutes since midnight [from, to), indexed by WeekdayIndex, for the hot path. */
export type CompiledSchedule = readonly (readonly (readonly [number, number])[])[];

export const PERIOD_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

const minutes = (hh: string, mm: string): number => Number(hh) * 60 + Number(mm);

/** What is wrong with a schedule, one message per problem (empty when it is valid). */
export function scheduleProblems(schedule: WeeklySchedule): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(schedule)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) problems.push(`${key}: not a weekday (use ${WEEKDAYS.join(', ')})`);
  }
  for (const day of WEEKDAYS) {
    let previousEnd = -1;
    for (const period of schedule[day] ?? []) {
      const m = PERIOD_PATTERN.exec(period);
      if (!m) {
        problems.push(`${day}: "${period}" is not a period HH:MM-HH:MM, e.g. 07:30-11:30`);
        continue;
      }
      const [from, to] = [minutes(m[1], m[2]), minutes(m[3], m[4])];
      if (to > 1440) problems.push(`${day}: "${period}" ends after 24:00`);
      else if (from >= to) problems.push(`${day}: "${period}" ends before it starts`);
      else if (from < previousEnd) problems.push(`${day}: "${period}" overlaps or precedes the period before it`);
      previousEnd = to;
    }
  }
  return problems;
}

/** Minutes per weekday index; call on a schedule scheduleProblems accepted. */
export function compileSchedule(schedule: WeeklySchedule): CompiledSchedule {
  return WEEKDAYS.map((day) =>
    (schedule[day] ?? []).map((period) => {
      const m = PERIOD_PATTERN.exec(period)!;
      return [minutes(m[1], m[2]), minutes(m[3], m[4])] as const;
    }),
  );
}

export const weekdayName = (index: WeekdayIndex): Weekday => WEEKDAYS[index];
