import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SENSITIVE_FIELDS } from '../explained/lookup-explanation.util';
import type { LookupToJudge } from '../explained/lookup-explanation.util';

export type SampleLookup = LookupToJudge & { eventId: string };

const SENSITIVE = [...SENSITIVE_FIELDS];

/** Sample lookups for the share detectors' evidence (their days come from VolumeRepository.findDays). */
@Injectable()
export class ShareWindowRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The account's first lookups of a window that may be what a detector counts, earliest first
   * (idx_query_event_account_time): those returning a sensitive field, or those without a dossier of the unit
   * or a procedure. The caller judges them with what procedures need.
   */
  async candidateLookups(accountId: string, from: Date, to: Date, kind: 'sensitive' | 'unexplained', limit: number): Promise<SampleLookup[]> {
    const [filter, params] =
      kind === 'sensitive'
        ? [`fields && $5::text[]`, [SENSITIVE]]
        : [`(dossier_code IS NULL OR procedure_code IS NULL OR unit_code IS NULL OR NOT starts_with(dossier_code, unit_code))`, []];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT event_id, unit_code, dossier_code, procedure_code, fields FROM query_event
       WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND action IN ('lookup', 'verify') AND ${filter}
       ORDER BY occurred_at, event_id LIMIT $4`,
      [accountId, from, to, limit, ...params],
    );
    return rows.map((r) => ({
      eventId: r.event_id as string,
      unitCode: r.unit_code as string | null,
      dossierCode: r.dossier_code as string | null,
      procedureCode: r.procedure_code as string | null,
      fields: r.fields as string[],
    }));
  }
}
