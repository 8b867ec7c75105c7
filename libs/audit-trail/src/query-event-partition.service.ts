import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';

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
  // Not Date.UTC: it reads the years 0–99 as 1900–1999.
  const start = new Date(0);
  start.setUTCFullYear(m.year, m.month - 1, 1);
  return start;
}

export function partitionName(m: EventMonth): string {
  return `query_event_${String(m.year).padStart(4, '0')}_${String(m.month).padStart(2, '0')}`;
}

/**
 * Creates the monthly partitions of query_event: on demand for the months a batch needs (back-fill included) and
 * ahead of time for the current and next month. Creation runs in its own short transaction, never inside a batch's:
 * CREATE ... PARTITION OF locks the parent, which would stall (or deadlock with) concurrent batches. The SQL function
 * audit_ensure_month_partition (owned by the migrating role) does the work, serialised between replicas.
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
    let lastMonth = -1; // events of a batch mostly share their month: skip the name for repeats
    for (const at of times) {
      const month = at.getUTCFullYear() * 12 + at.getUTCMonth();
      if (month === lastMonth) continue;
      lastMonth = month;
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
      for (const m of months) {
        const [{ created }] = await manager.query('SELECT audit_ensure_month_partition($1::date) AS created', [
          monthStart(m).toISOString().slice(0, 10),
        ]);
        if (created) this.logger.log(`Created partition ${partitionName(m)}`);
      }
    });
    for (const m of months) this.known.add(partitionName(m));
  }
}
