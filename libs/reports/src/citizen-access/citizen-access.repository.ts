import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TRACE_ORDER_BY, TraceCriteria, traceWhere, TraceWhereOptions } from '@app/trace';
import type { CitizenAccessBatch, CitizenAccessEntry } from './citizen-access.type';

/**
 * The lookups of one citizen and the batches they were stored in, read in the caller's snapshot. Account and unit
 * names come from the account directory (the unit's name from any account of it: an event keeps its unit's code).
 */
@Injectable()
export class CitizenAccessRepository {
  /** Newest first, at most `limit` rows. */
  async entries(
    m: EntityManager,
    criteria: TraceCriteria,
    options: TraceWhereOptions,
    limit: number,
  ): Promise<CitizenAccessEntry[]> {
    const params: unknown[] = [];
    const where = traceWhere(criteria, params, options);
    return m.query(
      `SELECT e.event_id AS "eventId", e.occurred_at AS "occurredAt", e.batch_id::text AS "batchId", e.account_id AS "accountId",
              a.full_name AS "fullName", e.unit_code AS "unitCode", u.unit_name AS "unitName", e.source_system AS "sourceSystem",
              s.name AS "sourceSystemName", e.action, e.result, e.dossier_code AS "dossierCode", e.procedure_code AS "procedureCode",
              e.fields
       FROM query_event e
       LEFT JOIN account a ON a.account_id = e.account_id
       LEFT JOIN LATERAL (SELECT max(x.unit_name) AS unit_name FROM account x WHERE x.unit_code = e.unit_code) u ON true
       LEFT JOIN source_system s ON s.code = e.source_system
       WHERE ${where} ${TRACE_ORDER_BY} LIMIT ${Number(limit)}`,
      params,
    );
  }

  /** The batches of these events in chain order, with their stored chained digest. */
  async batches(m: EntityManager, entries: CitizenAccessEntry[]): Promise<CitizenAccessBatch[]> {
    const counts = new Map<string, number>();
    for (const e of entries) counts.set(e.batchId, (counts.get(e.batchId) ?? 0) + 1);
    const rows: { batchId: string; chainSeq: string; digest: string }[] = await m.query(
      `SELECT b.id::text AS "batchId", b.chain_seq::text AS "chainSeq", encode(b.digest, 'hex') AS digest
       FROM audit_batch b WHERE b.id = ANY($1::bigint[]) ORDER BY b.chain_seq`,
      [[...counts.keys()]],
    );
    return rows.map((r) => ({ ...r, events: counts.get(r.batchId)! }));
  }
}
