import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The audit store as the idle count sees it: only when its logs begin (audit_batch is the store's own table). */
@Injectable()
export class ObservationWindowRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The earliest occurredAt of any stored event; null on an empty store. One index probe. */
  async findEarliestEventAt(manager: EntityManager = this.dataSource.manager): Promise<Date | null> {
    const [row] = await manager.query(`SELECT min(first_occurred_at) AS at FROM audit_batch`);
    return row?.at ?? null;
  }
}
