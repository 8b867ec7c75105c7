import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TRACE_SEARCH_ALERT_TYPES } from '@app/detection';
import type { TraceCriteria } from '../query/trace-criteria';
import { TRACE_EVENT_COLUMNS, TraceEvent, traceEventFromRow } from '../query/trace-event.type';
import { tracePageSql, traceWhere } from '../query/trace-where';
import type { AccountTimelineDay, CitizenTimeline, TimelineAlert, TimelineCount } from './trace-timeline.type';

const LOCAL_DAY = `(e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
const COUNTS = `count(*)::int AS events, count(*) FILTER (WHERE e.action IN ('lookup', 'verify'))::int AS lookups,
  min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at`;
const ALERT_COLUMNS = `a.id::text, a.type, a.severity, a.status, a.account_ids, a.window_start, a.window_end, a.explanation_vi, a.explanation_en`;
export const TIMELINE_GROUPS_MAX = 500;

const counts = (r: Record<string, unknown>): TimelineCount => ({
  events: r.events as number,
  lookups: r.lookups as number,
  firstAt: (r.first_at as Date).toISOString(),
  lastAt: (r.last_at as Date).toISOString(),
});

/** The grouped reads behind the timelines: a few GROUP BYs over the events the criteria select. */
@Injectable()
export class TraceTimelineRepository {
  constructor(private readonly db: DataSource) {}

  async newestEvents(criteria: TraceCriteria, limit: number): Promise<TraceEvent[]> {
    const { sql, params } = tracePageSql(criteria, { columns: TRACE_EVENT_COLUMNS, limit });
    return ((await this.db.query(sql, params)) as Record<string, unknown>[]).map(traceEventFromRow);
  }

  async citizenGroups(criteria: TraceCriteria): Promise<Omit<CitizenTimeline, 'from' | 'to' | 'events' | 'truncated' | 'alerts'>> {
    const group = async (select: string, by: string, order = 'events DESC'): Promise<Record<string, unknown>[]> => {
      const params: unknown[] = [];
      const where = traceWhere(criteria, params);
      return this.db.query(`SELECT ${select}, ${COUNTS} FROM query_event e WHERE ${where} GROUP BY ${by} ORDER BY ${order} LIMIT ${TIMELINE_GROUPS_MAX}`, params);
    };
    const [days, accounts, units, dossiers] = await Promise.all([
      group(`to_char(${LOCAL_DAY}, 'YYYY-MM-DD') AS day`, '1', '1'),
      group('e.account_id, e.unit_code', 'e.account_id, e.unit_code'),
      group('e.unit_code, count(DISTINCT e.account_id)::int AS accounts', 'e.unit_code'),
      group('e.dossier_code, e.procedure_code, array_agg(DISTINCT e.account_id) AS account_ids', 'e.dossier_code, e.procedure_code'),
    ]);
    return {
      total: accounts.reduce((n, r) => n + (r.events as number), 0),
      byDay: days.map((r) => ({ day: r.day as string, ...counts(r) })),
      byAccount: accounts.map((r) => ({ accountId: r.account_id as string, unitCode: r.unit_code as string | null, ...counts(r) })),
      byUnit: units.map((r) => ({ unitCode: r.unit_code as string | null, accounts: r.accounts as number, ...counts(r) })),
      byDossier: dossiers.map((r) => ({
        dossierCode: r.dossier_code as string | null,
        procedureCode: r.procedure_code as string | null,
        accountIds: (r.account_ids as string[]).sort(),
        ...counts(r),
      })),
    };
  }

  /**
   * Alerts that involve a citizen: those naming the citizen's hash (its prefix, as detectors keep it), those listing
   * one of the events, and those about an account whose window covers one of its lookups of the citizen. Not the
   * alerts about auditors' own tracing (repeated searches of the citizen): those are for the reviewers, and name other
   * auditors and their cases.
   */
  async citizenAlerts(subjectHexes: string[], events: { eventId: string; accountId: string; occurredAt: string }[]): Promise<TimelineAlert[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${ALERT_COLUMNS},
              CASE WHEN EXISTS (SELECT 1 FROM unnest($1::text[]) h WHERE starts_with(h, a.evidence->>'subjectHashPrefix')) THEN 'subject'
                   WHEN a.evidence->'sampleEventIds' ?| $2::text[] THEN 'event' ELSE 'window' END AS involves
         FROM alert a
        WHERE (EXISTS (SELECT 1 FROM unnest($1::text[]) h WHERE a.evidence->>'subjectHashPrefix' <> '' AND starts_with(h, a.evidence->>'subjectHashPrefix'))
               OR a.evidence->'sampleEventIds' ?| $2::text[]
               OR EXISTS (SELECT 1 FROM unnest($3::text[], $4::timestamptz[]) AS l(account_id, at)
                           WHERE a.account_ids @> ARRAY[l.account_id] AND l.at >= a.window_start AND l.at <= a.window_end))
          AND a.type <> ALL($5::text[])
        ORDER BY a.window_start DESC, a.id DESC LIMIT ${TIMELINE_GROUPS_MAX}`,
      [subjectHexes, events.map((e) => e.eventId), events.map((e) => e.accountId), events.map((e) => e.occurredAt), [...TRACE_SEARCH_ALERT_TYPES]],
    );
    return rows.map(toAlert);
  }

  async accountAlerts(accountId: string, from: Date, to: Date): Promise<TimelineAlert[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${ALERT_COLUMNS}, 'account' AS involves FROM alert a
        WHERE a.account_ids @> ARRAY[$1::text] AND a.window_start < $3 AND a.window_end >= $2
        ORDER BY a.window_start DESC, a.id DESC LIMIT ${TIMELINE_GROUPS_MAX}`,
      [accountId, from, to],
    );
    return rows.map(toAlert);
  }

  /** account_day rows of [fromDay, toDay] (local days), oldest first. */
  async accountDays(accountId: string, fromDay: string, toDay: string): Promise<(Omit<AccountTimelineDay, 'baseline'> & { unitCode: string | null })[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, unit_code, events, lookups, distinct_subjects, explained, refused, exports, exported_subjects::int AS exported_subjects
         FROM account_day WHERE account_id = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day`,
      [accountId, fromDay, toDay],
    );
    return rows.map((r) => ({
      day: r.day as string,
      unitCode: r.unit_code as string | null,
      events: r.events as number,
      lookups: r.lookups as number,
      distinctSubjects: r.distinct_subjects as number,
      explained: r.explained as number,
      refused: r.refused as number,
      exports: r.exports as number,
      exportedSubjects: r.exported_subjects as number,
    }));
  }

  /** The account's lookups by the unit of their dossier (the prefix of its code before the first "-"). */
  async citizenUnits(criteria: TraceCriteria, accountUnit: string | null): Promise<{ dossierUnit: string | null; ownUnit: boolean; lookups: number; citizens: number }[]> {
    const params: unknown[] = [];
    const where = traceWhere({ ...criteria, actions: ['lookup', 'verify'] }, params);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT NULLIF(split_part(e.dossier_code, '-', 1), '') AS dossier_unit, count(*)::int AS lookups, count(DISTINCT e.subject_hash)::int AS citizens
         FROM query_event e WHERE ${where} GROUP BY 1 ORDER BY lookups DESC LIMIT ${TIMELINE_GROUPS_MAX}`,
      params,
    );
    return rows.map((r) => ({
      dossierUnit: r.dossier_unit as string | null,
      ownUnit: accountUnit !== null && r.dossier_unit === accountUnit,
      lookups: r.lookups as number,
      citizens: r.citizens as number,
    }));
  }

  async accountDossiers(criteria: TraceCriteria): Promise<({ dossierCode: string; procedureCode: string | null; citizens: number } & TimelineCount)[]> {
    const params: unknown[] = [];
    const where = traceWhere(criteria, params);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT e.dossier_code, e.procedure_code, count(DISTINCT e.subject_hash)::int AS citizens, ${COUNTS}
         FROM query_event e WHERE ${where} AND e.dossier_code IS NOT NULL
        GROUP BY e.dossier_code, e.procedure_code ORDER BY events DESC LIMIT ${TIMELINE_GROUPS_MAX}`,
      params,
    );
    return rows.map((r) => ({ dossierCode: r.dossier_code as string, procedureCode: r.procedure_code as string | null, citizens: r.citizens as number, ...counts(r) }));
  }
}

function toAlert(r: Record<string, unknown>): TimelineAlert {
  return {
    id: r.id as string,
    type: r.type as string,
    severity: r.severity as string,
    status: r.status as string,
    accountIds: r.account_ids as string[],
    windowStart: (r.window_start as Date).toISOString(),
    windowEnd: (r.window_end as Date).toISOString(),
    explanationVi: r.explanation_vi as string,
    explanationEn: r.explanation_en as string,
    involves: r.involves as TimelineAlert['involves'],
  };
}
