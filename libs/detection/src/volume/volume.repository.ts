import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';

export interface AccountDayVolume {
  accountId: string;
  day: LocalDay;
  unitCode: string | null;
  lookups: number;
  subjects: number;
  withDossier: number;
  ownUnitDossier: number;
  /** Lookups explained by a dossier of the unit, a procedure and the fields it needs. */
  explained: number;
  /** Lookups returning a sensitive-class field beyond their procedure's need. */
  unneededSensitive: number;
  firstAt: Date | null;
  /** The day's busiest hour: most lookups in two adjacent half-hour slots, and the first slot's index (0-46). */
  peakHour: PeakHour;
}

export interface PeakHour {
  lookups: number;
  slot: number;
}

/** The busiest two adjacent half-hours of a day's 48 slots (the earliest on a tie). */
export function peakHourOf(slots: readonly number[]): PeakHour {
  let best = { lookups: 0, slot: 0 };
  for (let i = 0; i + 1 < slots.length; i++) if (slots[i] + slots[i + 1] > best.lookups) best = { lookups: slots[i] + slots[i + 1], slot: i };
  return best;
}

export interface VolumeAccount {
  accountId: string;
  unitCode: string | null;
  role: string | null;
  accountType: 'person' | 'service';
  /** When the directory says the account was created (null: not in the directory, or not said). */
  createdAt: Date | null;
}

const DAY_COLUMNS = `d.account_id, d.day::text AS day, d.unit_code, d.lookups, d.distinct_subjects, d.with_dossier, d.own_unit_dossier,
  d.explained, d.unneeded_sensitive, d.first_at, d.slots`;

function toVolume(r: Record<string, unknown>): AccountDayVolume {
  return {
    accountId: r.account_id as string,
    day: r.day as string,
    unitCode: r.unit_code as string | null,
    lookups: r.lookups as number,
    subjects: r.distinct_subjects as number,
    withDossier: r.with_dossier as number,
    ownUnitDossier: r.own_unit_dossier as number,
    explained: r.explained as number,
    unneededSensitive: r.unneeded_sensitive as number,
    firstAt: r.first_at as Date | null,
    peakHour: peakHourOf(r.slots as number[]),
  };
}

/** What the day detectors read: account_day, the directory's roles, and the alerts already raised. */
@Injectable()
export class VolumeRepository {
  /** The rows of a scan's block and its history, read once for every detector (see withDaysRead). */
  private readonly held: { fromDay: LocalDay; toDay: LocalDay; rows: Promise<AccountDayVolume[]> }[] = [];

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs work with the days of [fromDay, toDay] read once: while it runs, findDays of any period within it is
   * answered from those rows (the scan runs every detector over a block this way, where each reading the
   * aggregate for its own look-back read the same rows five times). Outside it, findDays reads the database.
   */
  async withDaysRead<T>(fromDay: LocalDay, toDay: LocalDay, work: () => Promise<T>): Promise<T> {
    const entry = { fromDay, toDay, rows: this.readDays(fromDay, toDay) };
    entry.rows.catch(() => undefined); // a failed read reaches the findDays that awaits it, not the process
    this.held.push(entry);
    try {
      return await work();
    } finally {
      this.held.splice(this.held.indexOf(entry), 1);
    }
  }

  /** The days with lookups in a period (a day with only sign-ins is a quiet day for volume). */
  async findDays(fromDay: LocalDay, toDay: LocalDay): Promise<AccountDayVolume[]> {
    const held = this.held.find((h) => h.fromDay <= fromDay && toDay <= h.toDay);
    if (held) return (await held.rows).filter((r) => r.day >= fromDay && r.day <= toDay);
    return this.readDays(fromDay, toDay);
  }

  private async readDays(fromDay: LocalDay, toDay: LocalDay): Promise<AccountDayVolume[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${DAY_COLUMNS} FROM account_day d WHERE day >= $1::date AND day <= $2::date AND lookups > 0`,
      [fromDay, toDay],
    );
    return rows.map(toVolume);
  }

  /**
   * The days of one account and of everyone who can be its unit's member or its peer in a period: the same unit
   * (the events', else the directory's, as VolumeWindow.unitOf reads it) as any of the account's, or the same role.
   */
  async findDaysAround(accountId: string, fromDay: LocalDay, toDay: LocalDay): Promise<AccountDayVolume[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH me AS (SELECT unit_code, role FROM account WHERE account_id = $1),
            units AS (SELECT unit_code FROM account_day WHERE account_id = $1 AND day >= $2::date AND day <= $3::date AND unit_code IS NOT NULL
                      UNION SELECT unit_code FROM me WHERE unit_code IS NOT NULL)
       SELECT ${DAY_COLUMNS} FROM account_day d LEFT JOIN account a ON a.account_id = d.account_id
       WHERE d.day >= $2::date AND d.day <= $3::date AND d.lookups > 0
         AND (d.account_id = $1 OR coalesce(d.unit_code, a.unit_code) IN (SELECT unit_code FROM units)
              OR a.role IS NOT DISTINCT FROM (SELECT role FROM me))`,
      [accountId, fromDay, toDay],
    );
    return rows.map(toVolume);
  }

  /** Each account's first day of any activity (the primary key's order answers it per account). */
  async findFirstDays(accountIds: string[]): Promise<Map<string, LocalDay>> {
    const rows: { account_id: string; day: string }[] = await this.dataSource.query(
      `SELECT a.id AS account_id, (SELECT min(day)::text FROM account_day WHERE account_id = a.id) AS day
       FROM unnest($1::text[]) AS a(id)`,
      [accountIds],
    );
    return new Map(rows.filter((r) => r.day).map((r) => [r.account_id, r.day]));
  }

  async findAccounts(accountIds: string[]): Promise<Map<string, VolumeAccount>> {
    const rows: { account_id: string; unit_code: string | null; role: string | null; account_type: 'person' | 'service'; directory_created_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT account_id, unit_code, role, account_type, directory_created_at FROM account WHERE account_id = ANY($1::text[])`,
        [accountIds],
      );
    return new Map(
      rows.map((r) => [r.account_id, { accountId: r.account_id, unitCode: r.unit_code, role: r.role, accountType: r.account_type, createdAt: r.directory_created_at }]),
    );
  }

  /**
   * The windows (local-day starts) already alerted on for a type and one account: left out of that account's
   * baseline. A day judged a false positive was normal after all, so it counts again.
   */
  async findAlertedDays(type: string, from: Date, to: Date): Promise<{ accountId: string; windowStart: Date }[]> {
    const rows: { account_id: string; window_start: Date }[] = await this.dataSource.query(
      `SELECT account_ids[1] AS account_id, window_start FROM alert
       WHERE type = $1 AND window_start >= $2 AND window_start < $3 AND cardinality(account_ids) = 1
         AND outcome IS DISTINCT FROM 'false_positive'`,
      [type, from, to],
    );
    return rows.map((r) => ({ accountId: r.account_id, windowStart: r.window_start }));
  }

  /** A few of the account's events of the window, earliest first (idx_query_event_account_time answers it). */
  async sampleEventIds(accountId: string, from: Date, to: Date, limit: number): Promise<string[]> {
    const rows: { event_id: string }[] = await this.dataSource.query(
      `SELECT event_id FROM query_event
       WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND action IN ('lookup', 'verify')
       ORDER BY occurred_at, event_id LIMIT $4`,
      [accountId, from, to, limit],
    );
    return rows.map((r) => r.event_id);
  }
}
