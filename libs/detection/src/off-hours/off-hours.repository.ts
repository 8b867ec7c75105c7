import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';

export interface AccountDaySlots {
  accountId: string;
  day: LocalDay;
  unitCode: string | null;
  lookups: number;
  slots: number[];
}

export interface TimedLookup {
  eventId: string;
  occurredAt: Date;
  withDossier: boolean;
  ownUnitDossier: boolean;
}

/** What the off-hours detector reads: the half-hours of account_day, and the lookups of the days it reports. */
@Injectable()
export class OffHoursRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The days with lookups of a period, with their 48 half-hour counts. */
  async findDays(fromDay: LocalDay, toDay: LocalDay): Promise<AccountDaySlots[]> {
    const rows: { account_id: string; day: string; unit_code: string | null; lookups: number; slots: number[] }[] = await this.dataSource.query(
      `SELECT account_id, day::text AS day, unit_code, lookups, slots
       FROM account_day WHERE day >= $1::date AND day <= $2::date AND lookups > 0`,
      [fromDay, toDay],
    );
    return rows.map((r) => ({ accountId: r.account_id, day: r.day, unitCode: r.unit_code, lookups: r.lookups, slots: r.slots }));
  }

  /**
   * An account's lookups on some local days, earliest first: the reported days' evidence. The period bounds the
   * range idx_query_event_account_time reads; events left out of the aggregate (future_time) are left out here too.
   */
  async findLookups(accountId: string, from: Date, to: Date, days: LocalDay[]): Promise<TimedLookup[]> {
    const rows: { event_id: string; occurred_at: Date; with_dossier: boolean; own_unit: boolean }[] = await this.dataSource.query(
      `SELECT event_id, occurred_at, dossier_code IS NOT NULL AS with_dossier,
              (unit_code IS NOT NULL AND starts_with(coalesce(dossier_code, ''), unit_code)) AS own_unit
       FROM query_event
       WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND action IN ('lookup', 'verify')
         AND NOT ('future_time' = ANY(flags)) AND ((occurred_at AT TIME ZONE 'UTC') + interval '7 hours')::date = ANY($4::date[])
       ORDER BY occurred_at, event_id`,
      [accountId, from, to, days],
    );
    return rows.map((r) => ({ eventId: r.event_id, occurredAt: r.occurred_at, withDossier: r.with_dossier, ownUnitDossier: r.own_unit }));
  }
}
