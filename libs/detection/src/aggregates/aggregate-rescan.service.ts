import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QUERY_EVENT_COLUMNS, rowToStoredEvent, storedEventSummary } from '@app/audit-trail';
import { addDays, startOfLocalDay } from '../calendar/local-day.util';
import { ProcedureNeeds } from '../procedures/procedure-needs.service';
import { accountDayDeltas } from './account-day-delta.util';
import { AccountDayRepository } from './account-day.repository';
import { sourceSystemDayDeltas } from './source-system-day-delta.util';
import { SourceSystemDayRepository } from './source-system-day.repository';

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
 * live stream end the same. Batches of that day wait for the rebuild (they take the same lock, shared). The
 * explained counts are recomputed with what procedures need now (catalog, admins' entries, learned profiles):
 * a change of those applies to the days rebuilt after it.
 */
@Injectable()
export class AggregateRescan {
  private readonly logger = new Logger(AggregateRescan.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly days: AccountDayRepository,
    private readonly sourceDays: SourceSystemDayRepository,
    private readonly needs: ProcedureNeeds,
  ) {}

  async rescan(fromDay: string, toDay: string): Promise<RescanOutcome> {
    let events = 0;
    let count = 0;
    for (let day = fromDay; day <= toDay; day = addDays(day, 1), count++) {
      events += await this.dataSource.transaction(async (m) => {
        await m.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNT_DAY_LOCK]);
        await this.days.deleteDays(m, day, day);
        await this.sourceDays.deleteDays(m, day, day);
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
      const rows: Record<string, unknown>[] = await m.query(
        `SELECT ${QUERY_EVENT_COLUMNS.join(', ')}
         FROM query_event
         WHERE occurred_at >= $1 AND occurred_at < $2
           AND ($3::timestamptz IS NULL OR (occurred_at, source_system, event_id) > ($3, $4::text, $5::text))
         ORDER BY occurred_at, source_system, event_id LIMIT ${PAGE}`,
        [from, to, after?.at ?? null, after?.system ?? null, after?.id ?? null],
      );
      if (!rows.length) return total;
      const events = rows.map(rowToStoredEvent).map(storedEventSummary);
      const needs = this.needs.current();
      await this.days.apply(m, accountDayDeltas(events, needs));
      await this.sourceDays.apply(m, sourceSystemDayDeltas(events, needs));
      total += rows.length;
      const last = events[events.length - 1];
      after = { at: last.occurredAt, id: last.eventId, system: last.sourceSystem };
      if (rows.length < PAGE) return total;
    }
  }
}
