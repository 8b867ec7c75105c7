import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SourceSystemDayDelta } from './source-system-day-delta.util';

/** Lookups and explained lookups per source system, unit and local day: the explained share by source system. */
@Injectable()
export class SourceSystemDayRepository {
  /** Adds the deltas (sorted by key by sourceSystemDayDeltas: one lock order). Plain sums: a single upsert. */
  async apply(m: EntityManager, deltas: SourceSystemDayDelta[]): Promise<void> {
    if (!deltas.length) return;
    await m.query(
      `INSERT INTO source_system_day AS t (day, source_system, unit_code, lookups, explained, unneeded_sensitive)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[])
       ON CONFLICT (day, source_system, unit_code) DO UPDATE SET lookups = t.lookups + excluded.lookups,
         explained = t.explained + excluded.explained, unneeded_sensitive = t.unneeded_sensitive + excluded.unneeded_sensitive`,
      [
        deltas.map((d) => d.day),
        deltas.map((d) => d.sourceSystem),
        deltas.map((d) => d.unitCode),
        deltas.map((d) => d.lookups),
        deltas.map((d) => d.explained),
        deltas.map((d) => d.unneededSensitive),
      ],
    );
  }

  /** Forgets the days of a period before a rescan rebuilds them. */
  async deleteDays(m: EntityManager, fromDay: string, toDay: string): Promise<void> {
    await m.query(`DELETE FROM source_system_day WHERE day >= $1::date AND day <= $2::date`, [fromDay, toDay]);
  }
}
