import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDay, CalendarDayChange, CalendarDayKind } from './calendar-day.type';
import { LocalDay } from './local-day.util';

const COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, kind, name, reason, updated_by AS "updatedBy", updated_at AS "updatedAt"`;

@Injectable()
export class CalendarDayRepository {
  constructor(private readonly db: DataSource) {}

  findAll(): Promise<CalendarDay[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM detection_calendar_day ORDER BY day`);
  }

  findBetween(from: LocalDay, to: LocalDay): Promise<CalendarDay[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM detection_calendar_day WHERE day BETWEEN $1 AND $2 ORDER BY day`, [from, to]);
  }

  findChangesBetween(from: LocalDay, to: LocalDay): Promise<CalendarDayChange[]> {
    return this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, action, kind, name, reason, actor, at
       FROM detection_calendar_day_change WHERE day BETWEEN $1 AND $2 ORDER BY at, id`,
      [from, to],
    );
  }

  /** Sets a day and logs the change, in one transaction. */
  async upsert(day: LocalDay, kind: CalendarDayKind, name: string, reason: string, actor: string, at: Date): Promise<CalendarDay> {
    return this.db.transaction(async (m) => {
      const rows: CalendarDay[] = await m.query(
        `INSERT INTO detection_calendar_day (day, kind, name, reason, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, reason = EXCLUDED.reason,
           updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
         RETURNING ${COLUMNS}`,
        [day, kind, name, reason, actor, at],
      );
      await m.query(
        `INSERT INTO detection_calendar_day_change (day, action, kind, name, reason, actor, at) VALUES ($1, 'put', $2, $3, $4, $5, $6)`,
        [day, kind, name, reason, actor, at],
      );
      return rows[0];
    });
  }

  /** Removes a day (the computed calendar applies again) and logs why; false when there was none. */
  async delete(day: LocalDay, reason: string, actor: string, at: Date): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const [, count] = await m.query(`DELETE FROM detection_calendar_day WHERE day = $1`, [day]);
      if (!count) return false;
      await m.query(
        `INSERT INTO detection_calendar_day_change (day, action, reason, actor, at) VALUES ($1, 'delete', $2, $3, $4)`,
        [day, reason, actor, at],
      );
      return true;
    });
  }
}
