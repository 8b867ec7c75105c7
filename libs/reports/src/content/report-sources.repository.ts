import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FlaggedSourceRow {
  sourceSystem: string;
  name: string | null;
  registered: boolean;
  unregistered: number;
  undeclared: number;
  fields: string[];
  firstAt: Date;
  lastAt: Date;
}

/**
 * Source-system policy breaches of the period, read from the events flagged at ingest (few, and reached through
 * the partial index idx_query_event_policy_flagged, whose predicate each query repeats), and the registry.
 */
@Injectable()
export class ReportSourcesRepository {
  constructor(private readonly db: DataSource) {}

  flagged(from: Date, to: Date): Promise<FlaggedSourceRow[]> {
    return this.db.query(
      `WITH flagged AS (
         SELECT source_system, flags, fields, occurred_at FROM query_event
         WHERE flags && '{unregistered_source,undeclared_fields}'::text[] AND occurred_at >= $1 AND occurred_at < $2)
       SELECT f.source_system AS "sourceSystem", s.name, s.code IS NOT NULL AS registered,
              count(*) FILTER (WHERE 'unregistered_source' = ANY(f.flags))::int AS unregistered,
              count(*) FILTER (WHERE 'undeclared_fields' = ANY(f.flags))::int AS undeclared,
              coalesce((SELECT array_agg(DISTINCT u ORDER BY u) FROM flagged g CROSS JOIN unnest(g.fields) u
                        WHERE g.source_system = f.source_system AND 'undeclared_fields' = ANY(g.flags)
                          AND NOT (u = ANY(coalesce(s.allowed_fields, '{}')))), '{}') AS fields,
              min(f.occurred_at) AS "firstAt", max(f.occurred_at) AS "lastAt"
       FROM flagged f LEFT JOIN source_system s ON s.code = f.source_system
       GROUP BY f.source_system, s.name, s.code, s.allowed_fields ORDER BY f.source_system`,
      [from, to],
    );
  }
}
