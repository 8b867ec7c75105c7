import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';

/** Any stable 64-bit number: serialises partition creation between replicas. */
const PARTITION_LOCK = 7_281_004_201;

/** A month of query_event, UTC: partition query_event_YYYY_MM holds [start of month, start of next month). */
export interface EventMonth {
  year: number;
  month: number; // 1..12
}

export function monthOf(at: Date): EventMonth {
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1 };
}

export function nextMonth(m: EventMonth): EventMonth {
  return m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 };
}

export function monthStart(m: EventMonth): Date {
  return new Date(Date.UTC(m.year, m.month - 1, 1));
}

export function partitionName(m: EventMonth): string {
  return `query_event_${m.year}_${String(m.month).padStart(2, '0')}`;
}

/**
 * Creates the monthly partitions of query_event: on demand for the months a batch needs (back-fill included) and
 * ahead of time for the current and next month. Creation runs in its own short transaction, never inside a batch's:
 * CREATE ... PARTITION OF locks the parent, which would stall (or deadlock with) concurrent batches.
 */
@Injectable()
export class QueryEventPartitionService {
  private readonly logger = new Logger(QueryEventPartitionService.name);
  private readonly known = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Makes sure a partition exists for each time given (and the month after the current one). */
  async ensureFor(times: Iterable<Date>): Promise<void> {
    const missing = new Map<string, EventMonth>();
    for (const at of times) {
      const m = monthOf(at);
      const name = partitionName(m);
      if (!this.known.has(name)) missing.set(name, m);
    }
    if (!missing.size) return;
    const current = monthOf(this.clock.now());
    for (const m of [current, nextMonth(current)]) {
      if (!this.known.has(partitionName(m))) missing.set(partitionName(m), m);
    }
    await this.create([...missing.values()]);
  }

  /** The current and next month, for the scheduled run that keeps partitions ahead of the data. */
  ensureAhead(): Promise<void> {
    const current = monthOf(this.clock.now());
    this.known.delete(partitionName(nextMonth(current)));
    return this.ensureFor([monthStart(nextMonth(current))]);
  }

  /** Forgets cached partitions (retention dropped some). */
  forget(): void {
    this.known.clear();
  }

  private async create(months: EventMonth[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      const existing = new Set<string>(
        (
          await manager.query(
            `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'query_event'::regclass`,
          )
        ).map((r: { relname: string }) => r.relname),
      );
      for (const m of months) {
        const name = partitionName(m);
        if (!existing.has(name)) {
          await manager.query(
            `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF query_event
             FOR VALUES FROM ('${monthStart(m).toISOString()}') TO ('${monthStart(nextMonth(m)).toISOString()}')`,
          );
          this.logger.log(`Created partition ${name}`);
        }
      }
    });
    for (const m of months) this.known.add(partitionName(m));
  }
}
