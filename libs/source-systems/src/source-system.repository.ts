import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SourceFlag, SourceFlagUsage, SourceSystem, SourceSystemInput } from './source-system.type';

const COLUMNS = `code, name, operator_org AS "operatorOrg", allowed_fields AS "allowedFields", legal_basis AS "legalBasis",
  approval_doc_no AS "approvalDocNo", to_char(approval_date, 'YYYY-MM-DD') AS "approvalDate",
  contact_name AS "contactName", contact_email AS "contactEmail", contact_phone AS "contactPhone", status,
  owns_account_directory AS "ownsAccountDirectory", created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class SourceSystemRepository {
  constructor(private readonly db: DataSource) {}

  findAll(): Promise<SourceSystem[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM source_system ORDER BY code`);
  }

  async findByCode(code: string): Promise<SourceSystem | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM source_system WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  /** Inserts; null when the code is taken. */
  async insert(s: SourceSystemInput, now: Date): Promise<SourceSystem | null> {
    const rows = await this.db.query(
      `INSERT INTO source_system (code, name, operator_org, allowed_fields, legal_basis, approval_doc_no, approval_date,
         contact_name, contact_email, contact_phone, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
       ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
      [...this.values(s), now],
    );
    return rows[0] ?? null;
  }

  /** Replaces every field operators maintain (not the code, not the directory owner mark); null when unknown. */
  async update(s: SourceSystemInput, now: Date): Promise<SourceSystem | null> {
    const [rows] = await this.db.query(
      `UPDATE source_system SET name = $2, operator_org = $3, allowed_fields = $4, legal_basis = $5, approval_doc_no = $6,
         approval_date = $7, contact_name = $8, contact_email = $9, contact_phone = $10, status = $11, updated_at = $12
       WHERE code = $1 RETURNING ${COLUMNS}`,
      [...this.values(s), now],
    );
    return rows[0] ?? null;
  }

  /**
   * Marks or unmarks the owner of the account directory. Null when there is no such system; 'taken' when another
   * system owns it (a unique index keeps one owner, also against two admins at once).
   */
  async setOwnsAccountDirectory(code: string, owns: boolean, now: Date): Promise<SourceSystem | null | 'taken'> {
    try {
      const [rows] = await this.db.query(
        `UPDATE source_system SET owns_account_directory = $2, updated_at = $3 WHERE code = $1 RETURNING ${COLUMNS}`,
        [code, owns, now],
      );
      return rows[0] ?? null;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'taken';
      throw error;
    }
  }

  /** The code of the system that owns the account directory, if an admin marked one. */
  async findAccountDirectoryOwner(): Promise<string | null> {
    const rows: { code: string }[] = await this.db.query(
      `SELECT code FROM source_system WHERE owns_account_directory`,
    );
    return rows[0]?.code ?? null;
  }

  async delete(code: string): Promise<boolean> {
    const [, count] = await this.db.query(`DELETE FROM source_system WHERE code = $1`, [code]);
    return count > 0;
  }

  /** Adds flagged traffic to the per-system summary operators read (one statement per ingested batch). */
  async recordFlagUsage(rows: { sourceSystem: string; flag: SourceFlag; count: number; fields: string[]; at: Date }[]) {
    if (!rows.length) return;
    // One order for every writer: concurrent batches upserting the same rows then queue instead of deadlocking.
    const sorted = [...rows].sort((a, b) => (a.sourceSystem === b.sourceSystem ? cmp(a.flag, b.flag) : cmp(a.sourceSystem, b.sourceSystem)));
    await this.db.query(
      `INSERT INTO source_flag_usage AS u (source_system, flag, event_count, fields, first_seen_at, last_seen_at)
       SELECT r.source_system, r.flag, r.count, ARRAY(SELECT jsonb_array_elements_text(r.fields)), r.at, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(source_system text, flag text, count bigint, fields jsonb, at timestamptz)
       ON CONFLICT (source_system, flag) DO UPDATE SET
         event_count = u.event_count + excluded.event_count,
         fields = ARRAY(SELECT DISTINCT f FROM unnest(u.fields || excluded.fields) AS f ORDER BY f),
         last_seen_at = greatest(u.last_seen_at, excluded.last_seen_at)`,
      [JSON.stringify(sorted.map((r) => ({ source_system: r.sourceSystem, flag: r.flag, count: r.count, fields: r.fields, at: r.at })))],
    );
  }

  findFlagUsage(flag: SourceFlag): Promise<SourceFlagUsage[]> {
    return this.db.query(
      `SELECT source_system AS "sourceSystem", flag, event_count::int AS "eventCount", fields,
         first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt"
       FROM source_flag_usage WHERE flag = $1 ORDER BY last_seen_at DESC`,
      [flag],
    );
  }

  private values(s: SourceSystemInput): unknown[] {
    return [
      s.code,
      s.name,
      s.operatorOrg,
      s.allowedFields,
      s.legalBasis,
      s.approvalDocNo,
      s.approvalDate,
      s.contactName,
      s.contactEmail,
      s.contactPhone,
      s.status,
    ];
  }
}

const UNIQUE_VIOLATION = '23505';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
