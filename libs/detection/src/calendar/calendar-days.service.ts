import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { CalendarDayRepository } from './calendar-day.repository';
import { CalendarDayChange, CalendarDayKind } from './calendar-day.type';
import { isLocalDay, LocalDay } from './local-day.util';
import { publicHolidays } from './public-holidays.util';

/** One day of the effective calendar that is not an ordinary weekday or weekend. */
export interface EffectiveCalendarDay {
  day: LocalDay;
  kind: CalendarDayKind;
  name: string;
  /** rule: a computed public holiday or compensatory day; admin: declared (and overriding any rule that day). */
  source: 'rule' | 'admin';
  /** For a rule day an admin overrode, what the rule said. */
  overrides?: string;
  reason?: string;
  updatedBy?: string;
  updatedAt?: Date;
}

const MIN_YEAR = 1976; // Vietnam on UTC+7 since 1975
const MAX_YEAR = 2199;

/** The calendar days admins manage, beside the public holidays computed by rule. */
@Injectable()
export class CalendarDaysService {
  constructor(
    private readonly repository: CalendarDayRepository,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  /** The year's holidays (by rule) and declared days, the declared one winning on the same day. */
  async list(year: number): Promise<{ days: EffectiveCalendarDay[]; changes: CalendarDayChange[] }> {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `year must be between ${MIN_YEAR} and ${MAX_YEAR}`, [{ field: 'year', message: 'out of range' }]);
    }
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    const [declared, changes] = await Promise.all([this.repository.findBetween(from, to), this.repository.findChangesBetween(from, to)]);
    const byDay = new Map<LocalDay, EffectiveCalendarDay>(
      publicHolidays(year).map((h) => [h.day, { day: h.day, kind: 'day_off', name: h.name, source: 'rule' }]),
    );
    for (const d of declared) {
      const rule = byDay.get(d.day);
      byDay.set(d.day, { ...d, source: 'admin', ...(rule ? { overrides: rule.name } : {}) });
    }
    return { days: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)), changes };
  }

  async put(day: string, kind: CalendarDayKind, name: string, reason: string, actor: string): Promise<EffectiveCalendarDay> {
    this.checkDay(day);
    const saved = await this.repository.upsert(day, kind, name.trim(), reason.trim(), actor, this.clock.now());
    await this.calendar.refresh();
    const rule = this.calendar.publicHoliday(day);
    return { ...saved, source: 'admin', ...(rule ? { overrides: rule.name } : {}) };
  }

  async remove(day: string, reason: string, actor: string): Promise<void> {
    this.checkDay(day);
    if (!(await this.repository.delete(day, reason.trim(), actor, this.clock.now()))) {
      throw new DomainException(ErrorCode.NOT_FOUND, `No calendar day is declared on ${day}`);
    }
    await this.calendar.refresh();
  }

  private checkDay(day: string): void {
    const year = Number(day.slice(0, 4));
    if (!isLocalDay(day) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `"${day}" is not a date YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}`, [
        { field: 'day', message: 'must be a real date YYYY-MM-DD' },
      ]);
    }
  }
}
