import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Alert, AlertFilter, AlertSeverity, AlertSort, AlertStatus, ALERT_SEVERITIES } from './alert.type';

const COLUMNS = `id::text, type, severity, score, account_id AS "accountId", account_ids AS "accountIds", unit_code AS "unitCode",
  source_systems AS "sourceSystems", occurred_at AS "occurredAt", window_start AS "windowStart", window_end AS "windowEnd",
  evidence, explanation_vi AS "explanationVi", explanation_en AS "explanationEn", dedup_key AS "dedupKey", status, outcome,
  assignee_id AS "assigneeId", assignee_name AS "assigneeName", suppression_id::text AS "suppressionId", occurrences,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export type NewAlert = Omit<Alert, 'id' | 'outcome' | 'assigneeId' | 'assigneeName' | 'occurrences' | 'updatedAt'>;

/** What a repeat or a triage action may change. */
export type AlertChanges = Partial<
  Pick<
    Alert,
    | 'severity' | 'score' | 'accountIds' | 'windowStart' | 'windowEnd' | 'evidence' | 'explanationVi' | 'explanationEn'
    | 'status' | 'outcome' | 'assigneeId' | 'assigneeName' | 'suppressionId' | 'occurrences' | 'sourceSystems'
  >
> & { updatedAt: Date };

const CHANGE_COLUMNS: Record<keyof AlertChanges, [column: string, cast: string]> = {
  severity: ['severity', 'text'],
  score: ['score', 'double precision'],
  accountIds: ['account_ids', 'text[]'],
  windowStart: ['window_start', 'timestamptz'],
  windowEnd: ['window_end', 'timestamptz'],
  evidence: ['evidence', 'jsonb'],
  explanationVi: ['explanation_vi', 'text'],
  explanationEn: ['explanation_en', 'text'],
  status: ['status', 'text'],
  outcome: ['outcome', 'text'],
  assigneeId: ['assignee_id', 'text'],
  assigneeName: ['assignee_name', 'text'],
  suppressionId: ['suppression_id', 'bigint'],
  occurrences: ['occurrences', 'int'],
  sourceSystems: ['source_systems', 'text[]'],
  updatedAt: ['updated_at', 'timestamptz'],
};

/**
 * Each sort's key as SQL, compared as alert-key.util's sortKeyOf writes it: instants at millisecond precision (what a
 * JavaScript Date holds), severity by rank. The window order is the one idx_alert_window_id serves.
 */
const SORT_KEYS: Record<AlertSort, { expr: string; cast: string }> = {
  window: { expr: 'alert.window_start', cast: 'timestamptz' },
  raised: { expr: "date_trunc('milliseconds', alert.created_at)", cast: 'timestamptz' },
  updated: { expr: "date_trunc('milliseconds', alert.updated_at)", cast: 'timestamptz' },
  severity: { expr: `(array_position(ARRAY[${ALERT_SEVERITIES.map((v) => `'${v}'`).join(', ')}]::text[], alert.severity) - 1)`, cast: 'int' },
  score: { expr: 'alert.score', cast: 'double precision' },
};

@Injectable()
export class AlertRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the alert unless its dedup key has one. A concurrent insert of the same key waits for the other
   * transaction and then inserts nothing: the caller reads the winner's row and updates it.
   */
  async insertIfAbsent(m: EntityManager, a: NewAlert): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO alert (type, severity, score, account_id, account_ids, unit_code, source_systems, occurred_at, window_start,
         window_end, evidence, explanation_vi, explanation_en, dedup_key, status, suppression_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17, $17)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id::text`,
      [
        a.type, a.severity, a.score, a.accountId, a.accountIds, a.unitCode, a.sourceSystems, a.occurredAt, a.windowStart,
        a.windowEnd, JSON.stringify(a.evidence), a.explanationVi, a.explanationEn, a.dedupKey, a.status, a.suppressionId, a.createdAt,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async findByDedupKeyForUpdate(m: EntityManager, dedupKey: string): Promise<Alert | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM alert WHERE dedup_key = $1 FOR UPDATE`, [dedupKey]);
    return row ?? null;
  }

  async findById(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<Alert | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM alert WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  async update(m: EntityManager, id: string, changes: AlertChanges): Promise<void> {
    const entries = Object.entries(changes) as [keyof AlertChanges, unknown][];
    const sets = entries.map(([key], i) => `${CHANGE_COLUMNS[key][0]} = $${i + 2}::${CHANGE_COLUMNS[key][1]}`);
    const values = entries.map(([key, value]) => (key === 'evidence' ? JSON.stringify(value) : value));
    const accountIdsAt = entries.findIndex(([key]) => key === 'accountIds');
    // account_id follows account_ids: it names the account only when there is exactly one.
    if (accountIdsAt >= 0) {
      const p = `$${accountIdsAt + 2}::text[]`;
      sets.push(`account_id = CASE WHEN cardinality(${p}) = 1 THEN (${p})[1] END`);
    }
    await m.query(`UPDATE alert SET ${sets.join(', ')} WHERE id = $1`, [id, ...values]);
  }

  /**
   * One page in the filter's order (default newest window first), ties by id in the same direction. Suppressed
   * alerts are left out unless asked for by status: they are counted, not queued. The window filter keeps the
   * alerts whose window overlaps [from, to).
   */
  async findPage(filter: AlertFilter): Promise<Alert[]> {
    const { expr, cast } = SORT_KEYS[filter.sort ?? 'window'];
    const asc = filter.order === 'asc';
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM alert
       WHERE ($1::text IS NULL AND status <> 'suppressed' OR status = $1)
         AND ($2::text IS NULL OR type = $2)
         AND ($3::text IS NULL OR severity = $3)
         AND ($4::text IS NULL OR account_ids @> ARRAY[$4::text])
         AND ($5::text IS NULL OR unit_code = $5)
         AND ($6::timestamptz IS NULL OR window_end >= $6)
         AND ($7::timestamptz IS NULL OR window_start < $7)
         AND ($8::text IS NULL OR (${expr}, id) ${asc ? '>' : '<'} ($8::${cast}, $9::bigint))
       ORDER BY ${expr} ${asc ? 'ASC' : 'DESC'}, alert.id ${asc ? 'ASC' : 'DESC'} LIMIT $10`,
      [
        filter.status ?? null, filter.type ?? null, filter.severity ?? null, filter.accountId ?? null, filter.unitCode ?? null,
        filter.from ?? null, filter.to ?? null, filter.after?.key ?? null, filter.after?.id ?? null, filter.limit,
      ],
    );
  }

  /** The features' own reading (tests, mass-change follow-up): by type and account, as raised. */
  async findRaised(filter: { type?: string; accountId?: string; limit: number }): Promise<Alert[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM alert WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR account_ids @> ARRAY[$2::text])
       ORDER BY alert.occurred_at DESC, alert.id DESC LIMIT $3`,
      [filter.type ?? null, filter.accountId ?? null, filter.limit],
    );
  }

  async countByTypeSeverityStatus(): Promise<{ type: string; severity: AlertSeverity; status: AlertStatus; n: number }[]> {
    return this.dataSource.query(`SELECT type, severity, status, count(*)::int AS n FROM alert GROUP BY type, severity, status`);
  }
}

