import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '@app/detection';
import type { ReportPeriod } from '../report.type';

export interface ActivityTotals {
  events: number;
  lookups: number;
  explained: number;
  logins: number;
  exports: number;
  activeAccounts: number;
  units: number;
}

export interface UnitRow {
  unitCode: string | null;
  unitName: string | null;
  lookups: number;
  explained: number;
  accounts: number;
}

export interface SourceSystemRow {
  sourceSystem: string;
  name: string | null;
  lookups: number;
  explained: number;
}

export interface DayRow {
  day: LocalDay;
  lookups: number;
  explained: number;
}

// Sums as float8: exact to 2^53 and read as numbers (bigint would come back as strings).

/**
 * The period's activity from the detection lib's daily aggregates (account_day, source_system_day), never from the
 * events: a quarter of a province is some tens of thousands of aggregate rows. The period is [from, to) of local
 * days, as the aggregates are keyed.
 */
@Injectable()
export class ReportActivityRepository {
  constructor(private readonly db: DataSource) {}

  async totals(p: ReportPeriod): Promise<ActivityTotals> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum(events), 0)::float8 AS events, coalesce(sum(lookups), 0)::float8 AS lookups,
              coalesce(sum(explained), 0)::float8 AS explained, coalesce(sum(logins), 0)::float8 AS logins,
              coalesce(sum(exports), 0)::float8 AS exports,
              count(DISTINCT account_id) FILTER (WHERE events > 0)::int AS "activeAccounts",
              count(DISTINCT unit_code) FILTER (WHERE lookups > 0)::int AS units
       FROM account_day WHERE day >= $1::date AND day < $2::date`,
      [p.from, p.to],
    );
    return row;
  }

  /** Per unit, most lookups first; the unit's name as the account directory gives it. */
  byUnit(p: ReportPeriod): Promise<UnitRow[]> {
    return this.db.query(
      `SELECT d.unit_code AS "unitCode", n.unit_name AS "unitName", d.lookups, d.explained, d.accounts
       FROM (SELECT unit_code, sum(lookups)::float8 AS lookups, sum(explained)::float8 AS explained,
                    count(DISTINCT account_id) FILTER (WHERE lookups > 0)::int AS accounts
             FROM account_day WHERE day >= $1::date AND day < $2::date GROUP BY unit_code HAVING sum(lookups) > 0) d
       LEFT JOIN LATERAL (SELECT max(unit_name) AS unit_name FROM account a WHERE a.unit_code = d.unit_code) n ON true
       ORDER BY d.lookups DESC, d.unit_code NULLS LAST`,
      [p.from, p.to],
    );
  }

  bySourceSystem(p: ReportPeriod): Promise<SourceSystemRow[]> {
    return this.db.query(
      `SELECT d.source_system AS "sourceSystem", s.name, sum(d.lookups)::float8 AS lookups, sum(d.explained)::float8 AS explained
       FROM source_system_day d LEFT JOIN source_system s ON s.code = d.source_system
       WHERE d.day >= $1::date AND d.day < $2::date
       GROUP BY d.source_system, s.name HAVING sum(d.lookups) > 0 ORDER BY 3 DESC, 1`,
      [p.from, p.to],
    );
  }

  byDay(p: ReportPeriod): Promise<DayRow[]> {
    return this.db.query(
      `SELECT day::text AS day, sum(lookups)::float8 AS lookups, sum(explained)::float8 AS explained
       FROM account_day WHERE day >= $1::date AND day < $2::date GROUP BY day ORDER BY day`,
      [p.from, p.to],
    );
  }
}
