import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';
import type { ExplainedGroupBy } from './dto/explained-share-query.dto';

export interface ExplainedCounts {
  key: string;
  lookups: number;
  explained: number;
  unneededSensitive: number;
}

export interface ExplainedFilters {
  fromDay: LocalDay;
  toDay: LocalDay;
  accountId?: string;
  unitCode?: string;
  sourceSystem?: string;
}

// Whitelisted group keys: never user text in the SQL.
const ACCOUNT_DAY_KEY: Record<Exclude<ExplainedGroupBy, 'sourceSystem'>, string> = {
  account: 'account_id',
  unit: "coalesce(unit_code, '')",
  day: 'day::text',
};
const SOURCE_SYSTEM_DAY_KEY: Record<Exclude<ExplainedGroupBy, 'account'>, string> = {
  sourceSystem: 'source_system',
  unit: 'unit_code',
  day: 'day::text',
};

/**
 * The explained share's counts, from the aggregates, never the events: account_day (by day, then account or unit:
 * its primary key and idx_account_day_unit_day), or source_system_day when the source system matters (keyed by
 * day first). A year of a province is some hundred thousand rows of the first and a few thousand of the second.
 */
@Injectable()
export class ExplainedShareRepository {
  constructor(private readonly db: DataSource) {}

  byAccountDays(groupBy: Exclude<ExplainedGroupBy, 'sourceSystem'>, f: ExplainedFilters): Promise<ExplainedCounts[]> {
    return this.db.query(
      `SELECT ${ACCOUNT_DAY_KEY[groupBy]} AS key, sum(lookups)::int AS lookups, sum(explained)::int AS explained,
              sum(unneeded_sensitive)::int AS "unneededSensitive"
       FROM account_day
       WHERE day >= $1::date AND day <= $2::date AND lookups > 0
         AND ($3::text IS NULL OR account_id = $3) AND ($4::text IS NULL OR unit_code = $4)
       GROUP BY 1`,
      [f.fromDay, f.toDay, f.accountId ?? null, f.unitCode ?? null],
    );
  }

  bySourceSystemDays(groupBy: Exclude<ExplainedGroupBy, 'account'>, f: ExplainedFilters): Promise<ExplainedCounts[]> {
    return this.db.query(
      `SELECT ${SOURCE_SYSTEM_DAY_KEY[groupBy]} AS key, sum(lookups)::int AS lookups, sum(explained)::int AS explained,
              sum(unneeded_sensitive)::int AS "unneededSensitive"
       FROM source_system_day
       WHERE day >= $1::date AND day <= $2::date
         AND ($3::text IS NULL OR source_system = $3) AND ($4::text IS NULL OR unit_code = $4)
       GROUP BY 1`,
      [f.fromDay, f.toDay, f.sourceSystem ?? null, f.unitCode ?? null],
    );
  }
}
