import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TraceCriteria, TraceCursor } from '../query/trace-criteria';
import { TRACE_EVENT_COLUMNS, TraceEvent, traceCursorOfRow, traceEventFromRow } from '../query/trace-event.type';
import { traceBoundedCountSql, traceEstimateSql, tracePageSql, TraceWhereOptions } from '../query/trace-where';

/** PostgreSQL's SQLSTATE for a statement stopped by statement_timeout. */
const QUERY_CANCELED = '57014';

/** The stored events as auditors search them: raw SQL over the partitioned query_event (libs/trace/src/query). */
@Injectable()
export class TraceEventRepository {
  constructor(private readonly db: DataSource) {}

  /** One page newest first, and where it ended when more events follow (null on the last page). */
  async findPage(
    criteria: TraceCriteria,
    page: { limit: number; after?: TraceCursor | null },
    options: TraceWhereOptions,
  ): Promise<{ events: TraceEvent[]; next: TraceCursor | null }> {
    // One row more than the page: whether another page follows, without a count.
    const { sql, params } = tracePageSql(criteria, { columns: TRACE_EVENT_COLUMNS, limit: page.limit + 1, after: page.after }, options);
    const rows: Record<string, unknown>[] = await this.db.query(sql, params);
    const more = rows.length > page.limit;
    const shown = more ? rows.slice(0, page.limit) : rows;
    return { events: shown.map(traceEventFromRow), next: more ? traceCursorOfRow(shown[shown.length - 1]) : null };
  }

  /**
   * The number of matching events, read to `bound` and no further (`bound` itself: at least that many), within
   * `budgetMs` of database time; null when counting would take longer (a rare combination of filters makes the
   * database read many rows to find few).
   */
  async countBelow(criteria: TraceCriteria, bound: number, options: TraceWhereOptions, budgetMs: number): Promise<number | null> {
    const { sql, params } = traceBoundedCountSql(criteria, bound, options);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      // One round trip opens a read-only transaction and sets its budget (the simple protocol takes both
      // statements at once; the budget is an integer the service computed, not input).
      await runner.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.round(budgetMs))}`);
      const [{ n }] = (await runner.query(sql, params)) as { n: number }[];
      return n;
    } catch (error) {
      if ((error as { code?: string }).code === QUERY_CANCELED) return null;
      throw error;
    } finally {
      // The transaction read and wrote nothing: ending it need not hold the answer back. The connection goes back
      // to the pool once it has ended.
      void runner
        .query('ROLLBACK')
        .catch(() => undefined)
        .then(() => runner.release())
        .catch(() => undefined);
    }
  }

  /** The planner's estimate of the matching events (no rows are read). */
  async estimate(criteria: TraceCriteria, options: TraceWhereOptions): Promise<number> {
    const { sql, params } = traceEstimateSql(criteria, options);
    const [row] = (await this.db.query(sql, params)) as { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[];
    return Math.round(row['QUERY PLAN'][0].Plan['Plan Rows']);
  }
}
