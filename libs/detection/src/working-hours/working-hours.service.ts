import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { scheduleProblems, WeeklySchedule } from './weekly-schedule.type';
import { ResolvedSchedule, UnitKindSchedule, WorkingCalendar } from './working-calendar.service';
import { WorkingHoursChange, WorkingHoursRepository } from './working-hours.repository';

export interface UnitWorkingHoursView extends ResolvedSchedule {
  unitCode: string;
  reason: string | null;
  updatedBy: string | null;
  updatedAt: Date | null;
  /** Every change of the unit's setting, oldest first. */
  changes: WorkingHoursChange[];
}

export interface SetWorkingHoursInput {
  unitKind?: string;
  schedule?: WeeklySchedule;
  reason?: string;
}

export const UNIT_KIND_PATTERN = /^[a-z0-9_]{1,64}$/;

/** Reads and sets working hours: a unit's (its own, or a kind's), and the kinds' own. */
@Injectable()
export class WorkingHoursService {
  constructor(
    private readonly repository: WorkingHoursRepository,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  async get(unitCode: string): Promise<UnitWorkingHoursView> {
    const [row, changes] = await Promise.all([this.repository.findByUnit(unitCode), this.repository.findChanges('unit', unitCode)]);
    return {
      unitCode,
      ...this.calendar.scheduleOf(unitCode),
      reason: row?.reason ?? null,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
      changes,
    };
  }

  async set(unitCode: string, input: SetWorkingHoursInput, actor: string): Promise<UnitWorkingHoursView> {
    if ((input.unitKind === undefined) === (input.schedule === undefined)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, "Give either unitKind (follow that kind's hours) or schedule (the unit's own), not both or neither");
    }
    const kinds = this.calendar.unitKinds().map((k) => k.unitKind);
    if (input.unitKind !== undefined && !kinds.includes(input.unitKind)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `Unknown unit kind "${input.unitKind}"`, [
        { field: 'unitKind', message: `must be one of ${kinds.join(', ')} (config/working-hours.json, or PUT /v1/detection/unit-kinds/{kind}/working-hours)` },
      ]);
    }
    if (input.schedule) this.checkSchedule(input.schedule);
    await this.repository.upsert(
      { unitCode, unitKind: input.unitKind ?? null, schedule: input.schedule ?? null, reason: input.reason?.trim() || null, updatedBy: actor },
      this.clock.now(),
    );
    await this.calendar.refresh();
    return this.get(unitCode);
  }

  /** The unit follows the default schedule again. */
  async remove(unitCode: string, reason: string, actor: string): Promise<void> {
    if (!(await this.repository.deleteUnit(unitCode, reason.trim(), actor, this.clock.now()))) {
      throw new DomainException(ErrorCode.NOT_FOUND, `Unit ${unitCode} has no working hours of its own: it follows the default`);
    }
    await this.calendar.refresh();
  }

  listKinds(): UnitKindSchedule[] {
    return this.calendar.unitKinds();
  }

  /** Sets a kind's schedule (over the file's, or a new kind); every unit of that kind follows it at once. */
  async setKind(unitKind: string, schedule: WeeklySchedule, reason: string | undefined, actor: string): Promise<UnitKindSchedule> {
    if (!UNIT_KIND_PATTERN.test(unitKind)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A unit kind is 1-64 lower-case letters, digits or _', [{ field: 'unitKind', message: 'not a unit kind' }]);
    }
    this.checkSchedule(schedule);
    await this.repository.upsertKind({ unitKind, schedule, reason: reason?.trim() || null, updatedBy: actor }, this.clock.now());
    await this.calendar.refresh();
    return this.calendar.unitKinds().find((k) => k.unitKind === unitKind)!;
  }

  private checkSchedule(schedule: WeeklySchedule): void {
    const problems = scheduleProblems(schedule);
    if (problems.length) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'The schedule is not valid',
        problems.map((message) => ({ field: `schedule.${message.split(':')[0]}`, message })),
      );
    }
  }
}
