import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

const COLUMNS = `unit_code AS "unitCode", unit_kind AS "unitKind", schedule, reason, updated_by AS "updatedBy", updated_at AS "updatedAt"`;

@Injectable()
export class WorkingHoursRepository {
  constructor(private readonly db: DataSource) {}

  findAll(): Promise<UnitWorkingHours[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM detection_unit_working_hours`);
  }

  async findByUnit(unitCode: string): Promise<UnitWorkingHours | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM detection_unit_working_hours WHERE unit_code = $1`, [unitCode]);
    return rows[0] ?? null;
  }

  async upsert(s: Omit<UnitWorkingHours, 'updatedAt'>, at: Date): Promise<UnitWorkingHours> {
    const rows = await this.db.query(
      `INSERT INTO detection_unit_working_hours (unit_code, unit_kind, schedule, reason, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (unit_code) DO UPDATE SET unit_kind = EXCLUDED.unit_kind, schedule = EXCLUDED.schedule,
         reason = EXCLUDED.reason, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING ${COLUMNS}`,
      [s.unitCode, s.unitKind, s.schedule === null ? null : JSON.stringify(s.schedule), s.reason, s.updatedBy, at],
    );
    return rows[0];
  }
}
