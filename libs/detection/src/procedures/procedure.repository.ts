import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';

/** An admin's entry for a procedure, over config/procedures.json's (or one the file does not have). */
export interface AdminProcedure {
  code: string;
  name: string;
  fields: string[];
  reason: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export interface ProcedureChange {
  code: string;
  name: string;
  fields: string[];
  /** What the procedure needed before (the file's, an earlier admin's, or null: unknown). */
  previous: string[] | null;
  reason: string;
  actor: string;
  at: Date;
}

/** What the province's own lookups for a procedure return, learned where the catalog is silent. */
export interface ProcedureProfile {
  code: string;
  fields: string[];
  lookups: number;
  /** Each field's share of the period's lookups for the procedure (3 decimals). */
  fieldShares: Record<string, number>;
  fromDay: LocalDay;
  toDay: LocalDay;
  computedAt: Date;
}

/** Per procedure and field, how many lookups of a period returned it (and the procedure's lookups). */
export interface ProcedureFieldCount {
  code: string;
  lookups: number;
  field: string | null;
  count: number;
}

const ADMIN_COLUMNS = `code, name, fields, reason, updated_by AS "updatedBy", updated_at AS "updatedAt"`;
const PROFILE_COLUMNS = `code, fields, lookups, field_shares AS "fieldShares", from_day::text AS "fromDay", to_day::text AS "toDay", computed_at AS "computedAt"`;

/** Admins' procedure entries, their append-only change log, and the learned profiles. */
@Injectable()
export class ProcedureRepository {
  constructor(private readonly db: DataSource) {}

  findAdminEntries(): Promise<AdminProcedure[]> {
    return this.db.query(`SELECT ${ADMIN_COLUMNS} FROM detection_procedure ORDER BY code`);
  }

  findProfiles(): Promise<ProcedureProfile[]> {
    return this.db.query(`SELECT ${PROFILE_COLUMNS} FROM detection_procedure_profile ORDER BY code`);
  }

  findChanges(code: string): Promise<ProcedureChange[]> {
    return this.db.query(
      `SELECT code, name, fields, previous, reason, actor, at FROM detection_procedure_change WHERE code = $1 ORDER BY at, id`,
      [code],
    );
  }

  /** Sets an admin's entry and logs the change, in one transaction. */
  async upsert(entry: Omit<AdminProcedure, 'updatedAt'>, previous: string[] | null, at: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO detection_procedure (code, name, fields, reason, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, fields = excluded.fields, reason = excluded.reason,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [entry.code, entry.name, entry.fields, entry.reason, entry.updatedBy, at],
      );
      await m.query(
        `INSERT INTO detection_procedure_change (code, name, fields, previous, reason, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [entry.code, entry.name, entry.fields, previous, entry.reason, entry.updatedBy, at],
      );
    });
  }

  /**
   * For each procedure named by lookups of [from, to): its lookups, and how many returned each field. Reads the
   * period's partitions once (a daily job; by the BRIN index on occurred_at), never the ingest path.
   */
  countFields(from: Date, to: Date): Promise<ProcedureFieldCount[]> {
    return this.db.query(
      `WITH l AS (
         SELECT procedure_code, fields FROM query_event
         WHERE occurred_at >= $1 AND occurred_at < $2 AND action IN ('lookup', 'verify') AND procedure_code IS NOT NULL
           AND cardinality(fields) > 0 AND NOT ('future_time' = ANY (flags))
       ), totals AS (SELECT procedure_code, count(*)::int AS lookups FROM l GROUP BY 1)
       SELECT t.procedure_code AS code, t.lookups, f.field, coalesce(f.count, 0)::int AS count
       FROM totals t LEFT JOIN (
         SELECT procedure_code, field, count(*)::int AS count FROM l, unnest(l.fields) AS field GROUP BY 1, 2
       ) f USING (procedure_code)
       ORDER BY 1, 3`,
      [from, to],
    );
  }

  /** Replaces every learned profile with these (a procedure no longer looked up loses its profile). */
  async replaceProfiles(profiles: ProcedureProfile[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM detection_procedure_profile`);
      if (!profiles.length) return;
      await m.query(
        `INSERT INTO detection_procedure_profile (code, fields, lookups, field_shares, from_day, to_day, computed_at)
         SELECT r.code, r.fields, r.lookups, r.field_shares, r.from_day, r.to_day, r.computed_at
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, fields text[], lookups int, field_shares jsonb, from_day date, to_day date, computed_at timestamptz)`,
        [JSON.stringify(profiles.map((p) => ({ code: p.code, fields: p.fields, lookups: p.lookups, field_shares: p.fieldShares, from_day: p.fromDay, to_day: p.toDay, computed_at: p.computedAt })))],
      );
    });
  }
}
