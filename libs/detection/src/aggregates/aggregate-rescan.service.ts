import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StoredEventSummary } from '@app/audit-trail';
import { addDays, startOfLocalDay } from '../calendar/local-day.util';
import { accountDayDeltas } from './account-day-delta.util';
import { AccountDayRepository } from './account-day.repository';

/** Any stable 64-bit number: batches take it shared, a rescan of a day exclusively. */
export const ACCOUNT_DAY_LOCK = 7_281_004_620;
const PAGE = 20_000;

export interface RescanOutcome {
  days: number;
  events: number;
}

/**
 * Rebuilds account_day from the store for a period of local days, one day per transaction: the day's rows are
 * deleted and recomputed from its stored events with the same code the live path uses, so a back-fill and a
 * live stream end the same. Batches of that day wait for the rebuild (they take the same lock, shared).
 */
@Injectable()
export class AggregateRescan {
  private readonly logger = new Logger(AggregateRescan.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly days: AccountDayRepository,
  ) {}

  async rescan(fromDay: string, toDay: string): Promise<RescanOutcome> {
    let events = 0;
    let count = 0;
    for (let day = fromDay; day <= toDay; day = addDays(day, 1), count++) {
      events += await this.dataSource.transaction(async (m) => {
        await m.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNT_DAY_LOCK]);
        await this.days.deleteDays(m, day, day);
        return this.rebuildDay(m, day);
      });
    }
    this.logger.log(`Rebuilt account_day for ${count} days (${fromDay} .. ${toDay}) from ${events} stored events`);
    return { days: count, events };
  }

  private async rebuildDay(m: EntityManager, day: string): Promise<number> {
    const from = startOfLocalDay(day);
    const to = startOfLocalDay(addDays(day, 1));
    let total = 0;
    for (let after: { at: Date; id: string; system: string } | null = null; ; ) {
      const rows: EventRow[] = await m.query(
        `SELECT event_id, account_id, unit_code, occurred_at, action, source_system, flags, client_ip, encode(subject_hash, 'hex') AS subject_hash,
                subject_count, fields, dossier_code, procedure_code, result
         FROM query_event
         WHERE occurred_at >= $1 AND occurred_at < $2
           AND ($3::timestamptz IS NULL OR (occurred_at, source_system, event_id) > ($3, $4::text, $5::text))
         ORDER BY occurred_at, source_system, event_id LIMIT ${PAGE}`,
        [from, to, after?.at ?? null, after?.system ?? null, after?.id ?? null],
      );
      if (!rows.length) return total;
      await this.days.apply(m, accountDayDeltas(rows.map(summaryOf)));
      total += rows.length;
      const last = rows[rows.length - 1];
      after = { at: last.occurred_at, id: last.event_id, system: last.source_system };
      if (rows.length < PAGE) return total;
    }
  }
}

interface EventRow {
  event_id: string;
  account_id: string;
  unit_code: string | null;
  occurred_at: Date;
  action: StoredEventSummary['action'];
  source_system: string;
  flags: string[];
  client_ip: string;
  subject_hash: string | null;
  subject_count: number | null;
  fields: string[];
  dossier_code: string | null;
  procedure_code: string | null;
  result: string;
}

function summaryOf(r: EventRow): StoredEventSummary {
  return {
    eventId: r.event_id,
    accountId: r.account_id,
    unitCode: r.unit_code,
    occurredAt: r.occurred_at,
    action: r.action,
    sourceSystem: r.source_system,
    flags: r.flags,
    clientIp: r.client_ip,
    subjectHash: r.subject_hash,
    subjectCount: r.subject_count,
    fields: r.fields,
    dossierCode: r.dossier_code,
    procedureCode: r.procedure_code,
    result: r.result,
  };
}
