import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The flags a policy breach is made of (SourceFlag of @app/source-systems). */
export const POLICY_FLAGS = ['unregistered_source', 'undeclared_fields'] as const;
export type PolicyFlag = (typeof POLICY_FLAGS)[number];

/** A system's flagged events of one local day, for one flag. */
export interface FlaggedDay {
  sourceSystem: string;
  day: string;
  flag: PolicyFlag;
  events: number;
  withDossier: number;
  accounts: number;
  sampleAccountIds: string[];
  unitCodes: string[];
  firstAt: Date;
  lastAt: Date;
  sampleEventIds: string[];
  /** undeclared_fields: how many of the day's flagged events returned each field (declared or not: the caller knows the declaration). */
  fields: Map<string, number>;
}

const SAMPLE_EVENTS = 5;
const SAMPLE_ACCOUNTS = 10;
// The partial index idx_query_event_policy_flagged answers these (its predicate repeated word for word).
const FLAGGED = `flags && '{unregistered_source,undeclared_fields}'::text[] AND NOT ('future_time' = ANY (flags))`;
const LOCAL_DAY = `(occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** Reads the events flagged at ingest for a source-system policy breach, per system, local day and flag. */
@Injectable()
export class SourcePolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Each system's (or the given systems') flagged events in [from, to), per local day and flag. */
  async findFlaggedDays(from: Date, to: Date, systems?: string[]): Promise<FlaggedDay[]> {
    const params: unknown[] = [from, to, [...POLICY_FLAGS], SAMPLE_EVENTS, SAMPLE_ACCOUNTS];
    const bySystem = systems ? `AND source_system = ANY ($6::text[])` : '';
    if (systems) params.push(systems);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT source_system, ${LOCAL_DAY}::text AS day, f AS flag, count(*)::int AS events,
              count(*) FILTER (WHERE dossier_code IS NOT NULL)::int AS with_dossier, count(DISTINCT account_id)::int AS accounts,
              (array_agg(DISTINCT account_id ORDER BY account_id))[1:$5::int] AS sample_account_ids,
              coalesce(array_agg(DISTINCT unit_code) FILTER (WHERE unit_code IS NOT NULL), '{}') AS unit_codes,
              min(occurred_at) AS first_at, max(occurred_at) AS last_at,
              (array_agg(event_id ORDER BY occurred_at, event_id))[1:$4::int] AS sample_event_ids
       FROM query_event CROSS JOIN LATERAL unnest(flags) AS f
       WHERE occurred_at >= $1 AND occurred_at < $2 AND ${FLAGGED} ${bySystem} AND f = ANY ($3::text[])
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
    const fields = await this.findFieldCounts(from, to, systems);
    return rows.map((r) => ({
      sourceSystem: r.source_system as string,
      day: r.day as string,
      flag: r.flag as PolicyFlag,
      events: r.events as number,
      withDossier: r.with_dossier as number,
      accounts: r.accounts as number,
      sampleAccountIds: r.sample_account_ids as string[],
      unitCodes: r.unit_codes as string[],
      firstAt: r.first_at as Date,
      lastAt: r.last_at as Date,
      sampleEventIds: r.sample_event_ids as string[],
      fields: r.flag === 'undeclared_fields' ? (fields.get(`${r.source_system as string}\u0000${r.day as string}`) ?? new Map()) : new Map(),
    }));
  }

  /** Per system and day, how many events flagged undeclared_fields returned each field. */
  private async findFieldCounts(from: Date, to: Date, systems?: string[]): Promise<Map<string, Map<string, number>>> {
    const params: unknown[] = [from, to];
    const bySystem = systems ? `AND source_system = ANY ($3::text[])` : '';
    if (systems) params.push(systems);
    const rows: { source_system: string; day: string; field: string; events: number }[] = await this.dataSource.query(
      `SELECT source_system, ${LOCAL_DAY}::text AS day, field, count(*)::int AS events
       FROM query_event CROSS JOIN LATERAL unnest(fields) AS field
       WHERE occurred_at >= $1 AND occurred_at < $2 AND ${FLAGGED} ${bySystem} AND 'undeclared_fields' = ANY (flags)
       GROUP BY 1, 2, 3`,
      params,
    );
    const out = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const key = `${r.source_system}\u0000${r.day}`;
      out.set(key, (out.get(key) ?? new Map()).set(r.field, r.events));
    }
    return out;
  }
}
