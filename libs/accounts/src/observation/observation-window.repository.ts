import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The audit store as the idle count sees it: only when its logs begin (audit_batch is the store's own table). */
@Injectable()
export class ObservationWindowRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The earliest occurredAt of any stored event; null on an empty store. A batch of events all dated after their
   * storing (plus futureSkew seconds) is no start of the logs: on a store holding only those, it would put every
   * account's idle count in the future. One index probe (the first batch in order is almost always plausible).
   */
  async findEarliestEventAt(futureSkew: number, manager: EntityManager = this.dataSource.manager): Promise<Date | null> {
    const [row] = await manager.query(
      `SELECT min(first_occurred_at) AS at FROM audit_batch WHERE first_occurred_at <= created_at + make_interval(secs => $1)`,
      [futureSkew],
    );
    return row?.at ?? null;
  }
}
