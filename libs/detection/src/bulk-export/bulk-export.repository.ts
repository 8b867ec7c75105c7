import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';

export interface AccountDayExports {
  accountId: string;
  day: LocalDay;
  unitCode: string | null;
  exports: number;
  exportedSubjects: number;
  firstAt: Date | null;
}

export interface ExportEvent {
  eventId: string;
  occurredAt: Date;
  subjectCount: number;
}

/** What the bulk-export detector reads: the days with exports, and the exports themselves for the evidence. */
@Injectable()
export class BulkExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findExportDays(fromDay: LocalDay, toDay: LocalDay): Promise<AccountDayExports[]> {
    const rows: { account_id: string; day: string; unit_code: string | null; exports: number; exported_subjects: string; first_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT account_id, day::text AS day, unit_code, exports, exported_subjects, first_at
         FROM account_day WHERE day >= $1::date AND day <= $2::date AND exports > 0`,
        [fromDay, toDay],
      );
    return rows.map((r) => ({ accountId: r.account_id, day: r.day, unitCode: r.unit_code, exports: r.exports, exportedSubjects: Number(r.exported_subjects), firstAt: r.first_at }));
  }

  /** An account's largest exports of a period, largest first (idx_query_event_account_time bounds the range). */
  async largestExports(accountId: string, from: Date, to: Date, limit: number): Promise<ExportEvent[]> {
    const rows: { event_id: string; occurred_at: Date; subject_count: number | null }[] = await this.dataSource.query(
      `SELECT event_id, occurred_at, subject_count FROM query_event
       WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND action = 'export' AND NOT ('future_time' = ANY(flags))
       ORDER BY subject_count DESC NULLS LAST, occurred_at LIMIT $4`,
      [accountId, from, to, limit],
    );
    return rows.map((r) => ({ eventId: r.event_id, occurredAt: r.occurred_at, subjectCount: r.subject_count ?? 0 }));
  }
}
