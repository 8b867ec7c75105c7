import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CalendarDayRepository } from '../calendar/calendar-day.repository';
import { CalendarDay } from '../calendar/calendar-day.type';
import { LocalDay, localDay, localTime, WeekdayIndex, weekdayOf } from '../calendar/local-day.util';
import { PublicHoliday, publicHolidays } from '../calendar/public-holidays.util';
import { CompiledSchedule, compileSchedule, WeeklySchedule } from './weekly-schedule.type';
import { WORKING_HOURS_CONFIG, WorkingHoursConfig } from './working-hours-config.util';
import { UnitKindWorkingHours, UnitWorkingHours, WorkingHoursRepository } from './working-hours.repository';

/** How often each replica re-reads calendar days and unit hours (changes made through this replica apply at once). */
export const CALENDAR_REFRESH_MS = 30_000;

export type OffHoursReason = 'sunday' | 'saturday' | 'holiday' | 'outside_hours' | 'lunch' | null;

export interface TimeClassification {
  /** The unit works that local day (not a weekend it is closed on, not a holiday or declared day off). */
  workingDay: boolean;
  /** Name of the holiday or declared day off, when that is why the day is not worked. */
  holiday?: string;
  /** Outside the unit's opening periods. The lunch break is not: it is reported (reason 'lunch') but not off-hours. */
  offHours: boolean;
  reason: OffHoursReason;
}

/** A unit's local day: worked or not (and why not), and its opening periods, [from, to) in minutes since midnight. */
export interface DayHours {
  workingDay: boolean;
  holiday?: string;
  /** Why the day is not worked (null on a working day). */
  reason: OffHoursReason;
  periods: readonly (readonly [number, number])[];
}

export type ScheduleSource = 'unit' | 'unit_kind' | 'default';

/** A kind of unit's schedule: from config/working-hours.json, or an admin's (which wins over the file's). */
export interface UnitKindSchedule {
  unitKind: string;
  source: 'config' | 'admin';
  schedule: WeeklySchedule;
}

/** Where a unit's schedule comes from, and the schedule. */
export interface ResolvedSchedule {
  source: ScheduleSource;
  unitKind: string | null;
  schedule: WeeklySchedule;
}

const MONDAY = 1;

/**
 * Whether an instant is off-hours for a unit: its schedule (own, its kind's, or the default of
 * config/working-hours.json), Vietnam's public holidays computed by rule, and the days admins declared. All in
 * memory, refreshed every CALENDAR_REFRESH_MS, so the ingest and detection paths never wait on the database.
 */
@Injectable()
export class WorkingCalendar implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WorkingCalendar.name);
  private readonly config: WorkingHoursConfig;
  private readonly defaultCompiled: CompiledSchedule;
  private kinds = new Map<string, UnitKindSchedule & { compiled: CompiledSchedule }>();
  private units = new Map<string, { row: UnitWorkingHours; compiled: CompiledSchedule }>();
  private declared = new Map<LocalDay, CalendarDay>();
  private readonly holidaysByYear = new Map<number, Map<LocalDay, PublicHoliday>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly hours: WorkingHoursRepository,
    private readonly days: CalendarDayRepository,
    @Inject(WORKING_HOURS_CONFIG) config: WorkingHoursConfig,
  ) {
    this.config = config;
    this.defaultCompiled = compileSchedule(this.config.default);
    this.load([], []);
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(`Calendar refresh failed: ${e}`)), CALENDAR_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const [units, days, kinds] = await Promise.all([this.hours.findAll(), this.days.findAll(), this.hours.findAllKinds()]);
    this.load(units, days, kinds);
  }

  /** Replaces what is held (the refresh, and tests without a database). */
  load(units: readonly UnitWorkingHours[], days: readonly CalendarDay[], kinds: readonly UnitKindWorkingHours[] = []): void {
    const merged = new Map<string, UnitKindSchedule & { compiled: CompiledSchedule }>();
    for (const [unitKind, schedule] of Object.entries(this.config.unitKinds)) {
      merged.set(unitKind, { unitKind, source: 'config', schedule, compiled: compileSchedule(schedule) });
    }
    for (const k of kinds) merged.set(k.unitKind, { unitKind: k.unitKind, source: 'admin', schedule: k.schedule, compiled: compileSchedule(k.schedule) });
    this.kinds = merged;
    this.units = new Map(
      units.map((row) => [row.unitCode, { row, compiled: row.schedule ? compileSchedule(row.schedule) : this.kindSchedule(row.unitKind) }]),
    );
    this.declared = new Map(days.map((d) => [d.day, d]));
  }

  unitKinds(): UnitKindSchedule[] {
    return [...this.kinds.values()].map(({ unitKind, source, schedule }) => ({ unitKind, source, schedule }));
  }

  /** The unit's schedule and where it comes from (own, its kind's, or the default). */
  scheduleOf(unitCode: string | null | undefined): ResolvedSchedule {
    const row = unitCode ? this.units.get(unitCode)?.row : undefined;
    if (row?.schedule) return { source: 'unit', unitKind: null, schedule: row.schedule };
    const kind = row?.unitKind ? this.kinds.get(row.unitKind) : undefined;
    if (kind) return { source: 'unit_kind', unitKind: kind.unitKind, schedule: kind.schedule };
    return { source: 'default', unitKind: null, schedule: this.config.default };
  }

  /** The computed public holiday (or compensatory day) of a local day, before admins' declarations. */
  publicHoliday(day: LocalDay): PublicHoliday | undefined {
    const year = Number(day.slice(0, 4));
    let byDay = this.holidaysByYear.get(year);
    if (!byDay) {
      byDay = new Map(publicHolidays(year).map((h) => [h.day, h]));
      this.holidaysByYear.set(year, byDay);
    }
    return byDay.get(day);
  }

  localDay(instant: Date): LocalDay {
    return localDay(instant);
  }

  classify(unitCode: string | null | undefined, instant: Date): TimeClassification {
    const { day, weekday, minute } = localTime(instant);
    const hours = this.resolveDay(unitCode, day, weekday);
    if (!hours.workingDay) return { workingDay: false, ...(hours.holiday ? { holiday: hours.holiday } : {}), offHours: true, reason: hours.reason };
    const periods = hours.periods;
    if (minute < periods[0][0] || minute >= periods[periods.length - 1][1]) {
      return { workingDay: true, offHours: true, reason: 'outside_hours' };
    }
    for (const [from, to] of periods) if (minute >= from && minute < to) return { workingDay: true, offHours: false, reason: null };
    return { workingDay: true, offHours: false, reason: 'lunch' };
  }

  /**
   * A unit's whole local day at once: whether it works, and its opening periods (minutes since midnight) when it
   * does. What classify() answers minute by minute, for a detector that weighs a day's 48 half-hours.
   */
  hoursOn(unitCode: string | null | undefined, day: LocalDay): DayHours {
    return this.resolveDay(unitCode, day, weekdayOf(day));
  }

  /** Declared days first, then public holidays, then the unit's schedule (a make-up day on a closed weekday: Monday's). */
  private resolveDay(unitCode: string | null | undefined, day: LocalDay, weekday: WeekdayIndex): DayHours {
    const declared = this.declared.get(day);
    const schedule = (unitCode && this.units.get(unitCode)?.compiled) || this.defaultCompiled;
    if (declared?.kind === 'day_off') return { workingDay: false, holiday: declared.name, reason: 'holiday', periods: [] };
    let periods = schedule[weekday];
    if (declared?.kind === 'working') {
      // A make-up day is worked as an ordinary weekday: on a day the unit is closed, with its Monday hours.
      if (!periods.length) periods = schedule[MONDAY];
    } else {
      const holiday = this.publicHoliday(day);
      if (holiday) return { workingDay: false, holiday: holiday.name, reason: 'holiday', periods: [] };
    }
    if (!periods.length) return { workingDay: false, reason: weekday === 0 ? 'sunday' : weekday === 6 ? 'saturday' : 'outside_hours', periods: [] };
    return { workingDay: true, reason: null, periods };
  }

  private kindSchedule(kind: string | null): CompiledSchedule {
    return (kind && this.kinds.get(kind)?.compiled) || this.defaultCompiled;
  }
}
