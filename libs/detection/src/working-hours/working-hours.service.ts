import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { scheduleProblems, WeeklySchedule } from './weekly-schedule.type';
import { ResolvedSchedule, WorkingCalendar } from './working-calendar.service';
import { WorkingHoursRepository } from './working-hours.repository';

export interface UnitWorkingHoursView extends ResolvedSchedule {
  unitCode: string;
  reason: string | null;
  updatedBy: string | null;
  updatedAt: Date | null;
}

export interface SetWorkingHoursInput {
  unitKind?: string;
  schedule?: WeeklySchedule;
  reason?: string;
}

/** Reads and sets a unit's working hours: its own schedule, or a kind of config/working-hours.json. */
@Injectable()
export class WorkingHoursService {
  constructor(
    private readonly repository: WorkingHoursRepository,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  async get(unitCode: string): Promise<UnitWorkingHoursView> {
    const row = await this.repository.findByUnit(unitCode);
    return {
      unitCode,
      ...this.calendar.scheduleOf(unitCode),
      reason: row?.reason ?? null,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  }

  async set(unitCode: string, input: SetWorkingHoursInput, actor: string): Promise<UnitWorkingHoursView> {
    if ((input.unitKind === undefined) === (input.schedule === undefined)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'Give either unitKind (follow that kind\'s hours) or schedule (the unit\'s own), not both or neither');
    }
    const kinds = this.calendar.unitKinds();
    if (input.unitKind !== undefined && !kinds.includes(input.unitKind)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `Unknown unit kind "${input.unitKind}"`, [
        { field: 'unitKind', message: `must be one of ${kinds.join(', ')} (config/working-hours.json)` },
      ]);
    }
    const problems = input.schedule ? scheduleProblems(input.schedule) : [];
    if (problems.length) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'The schedule is not valid',
        problems.map((message) => ({ field: `schedule.${message.split(':')[0]}`, message })),
      );
    }
    await this.repository.upsert(
      { unitCode, unitKind: input.unitKind ?? null, schedule: input.schedule ?? null, reason: input.reason?.trim() || null, updatedBy: actor },
      this.clock.now(),
    );
    await this.calendar.refresh();
    return this.get(unitCode);
  }
}
