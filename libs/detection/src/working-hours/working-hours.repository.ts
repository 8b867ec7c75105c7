import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WeeklySchedule } from './weekly-schedule.type';

/** A unit's own setting: either a kind (whose schedule is in config/working-hours.json) or its own schedule. */
export interface UnitWorkingHours {
  unitCode: string;
  unitKind: string | null;
  schedule: WeeklySchedule | null;
  reason: string | null;
  updatedBy: string;
  updatedAt: Date;
}

/** An admin's schedule for a kind of unit, over the file's (or a kind the file does not have). */
export interface UnitKindWorkingHours {
  unitKind: string;
  schedule: WeeklySchedule;
  reason: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export interface WorkingHoursChange {
  scope: 'unit' | 'unit_kind';
  key: string;
  action: 'put' | 'delete';
  unitKind: string | null;
  schedule: WeeklySchedule | null;
  reason: string | null;
  actor: string;
  at: Date;
}

const COLUMNS = `unit_code AS "unitCode", unit_kind AS "unitKind", schedule, reason, updated_by AS "updatedBy", updated_at AS "updatedAt"`;
const KIND_COLUMNS = `unit_kind AS "unitKind", schedule, reason, updated_by AS "updatedBy", updated_at AS "updatedAt"`;
const json = (s: WeeklySchedule | null): string | null => (s === null ? null : JSON.stringify(s));

@Injectable()
export class WorkingHoursRepository {
  constructor(private readonly db: DataSource) {}

  findAll(): Promise<UnitWorkingHours[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM detection_unit_working_hours`);
  }

  findAllKinds(): Promise<UnitKindWorkingHours[]> {
    return this.db.query(`SELECT ${KIND_COLUMNS} FROM detection_unit_kind_working_hours ORDER BY unit_kind`);
  }

  async findByUnit(unitCode: string): Promise<UnitWorkingHours | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM detection_unit_working_hours WHERE unit_code = $1`, [unitCode]);
    return rows[0] ?? null;
  }

  findChanges(scope: WorkingHoursChange['scope'], key: string): Promise<WorkingHoursChange[]> {
    return this.db.query(
      `SELECT scope, key, action, unit_kind AS "unitKind", schedule, reason, actor, at
       FROM detection_working_hours_change WHERE scope = $1 AND key = $2 ORDER BY at, id`,
      [scope, key],
    );
  }

  async upsert(s: Omit<UnitWorkingHours, 'updatedAt'>, at: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO detection_unit_working_hours (unit_code, unit_kind, schedule, reason, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (unit_code) DO UPDATE SET unit_kind = EXCLUDED.unit_kind, schedule = EXCLUDED.schedule,
           reason = EXCLUDED.reason, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [s.unitCode, s.unitKind, json(s.schedule), s.reason, s.updatedBy, at],
      );
      await this.log(m, { scope: 'unit', key: s.unitCode, action: 'put', unitKind: s.unitKind, schedule: s.schedule, reason: s.reason, actor: s.updatedBy, at });
    });
  }

  /** The unit follows the default again; false when it had no setting. */
  async deleteUnit(unitCode: string, reason: string, actor: string, at: Date): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const [, count] = await m.query(`DELETE FROM detection_unit_working_hours WHERE unit_code = $1`, [unitCode]);
      if (count) await this.log(m, { scope: 'unit', key: unitCode, action: 'delete', unitKind: null, schedule: null, reason, actor, at });
      return count > 0;
    });
  }

  async upsertKind(s: Omit<UnitKindWorkingHours, 'updatedAt'>, at: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO detection_unit_kind_working_hours (unit_kind, schedule, reason, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (unit_kind) DO UPDATE SET schedule = EXCLUDED.schedule, reason = EXCLUDED.reason,
           updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [s.unitKind, json(s.schedule), s.reason, s.updatedBy, at],
      );
      await this.log(m, { scope: 'unit_kind', key: s.unitKind, action: 'put', unitKind: s.unitKind, schedule: s.schedule, reason: s.reason, actor: s.updatedBy, at });
    });
  }

  private async log(m: EntityManager, c: WorkingHoursChange): Promise<void> {
    await m.query(
      `INSERT INTO detection_working_hours_change (scope, key, action, unit_kind, schedule, reason, actor, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [c.scope, c.key, c.action, c.unitKind, json(c.schedule), c.reason, c.actor, c.at],
    );
  }
}
