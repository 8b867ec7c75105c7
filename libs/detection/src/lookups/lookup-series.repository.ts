import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';

export interface LookupDayCounts {
  day: LocalDay;
  lookups: number;
  explained: number;
  accounts: number;
}

/**
 * The province's lookups per local day, from account_day (never the events): a day is a few hundred to a few
 * thousand rows, read by the primary key's day range.
 */
@Injectable()
export class LookupSeriesRepository {
  constructor(private readonly db: DataSource) {}

  /** Days with at least one lookup, in order; accounts = those that made a lookup that day. */
  perDay(fromDay: LocalDay, toDay: LocalDay): Promise<LookupDayCounts[]> {
    return this.db.query(
      `SELECT day::text AS day, sum(lookups)::int AS lookups, sum(explained)::int AS explained, count(*)::int AS accounts
       FROM account_day
       WHERE day >= $1::date AND day <= $2::date AND lookups > 0
       GROUP BY day ORDER BY day`,
      [fromDay, toDay],
    );
  }

  /** Accounts that made at least one lookup in the period (each counted once). */
  async distinctAccounts(fromDay: LocalDay, toDay: LocalDay): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(DISTINCT account_id)::int AS n FROM account_day WHERE day >= $1::date AND day <= $2::date AND lookups > 0`,
      [fromDay, toDay],
    );
    return row.n;
  }
}
