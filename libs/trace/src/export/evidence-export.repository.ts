import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface EvidenceExportRecord {
  id: string;
  exportedAt: Date;
  actorId: string | null;
  actorName: string;
  caseReference: string;
  purpose: string;
  format: 'csv' | 'xlsx';
  criteria: Record<string, unknown>;
  rowCount: number;
  fileSha256: string;
  /** The manifest file's text (canonical JSON, signed). */
  manifest: string;
}

/** The evidence exports made, each with its signed manifest (append-only). */
@Injectable()
export class EvidenceExportRepository {
  constructor(private readonly db: DataSource) {}

  async insert(r: EvidenceExportRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO evidence_export (id, exported_at, actor_id, actor_name, case_reference, purpose, format, criteria,
         row_count, file_sha256, manifest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [r.id, r.exportedAt, r.actorId, r.actorName, r.caseReference, r.purpose, r.format, r.criteria, r.rowCount, r.fileSha256, r.manifest],
    );
  }

  async manifestOf(id: string): Promise<{ manifest: string; actorId: string | null } | null> {
    const [row] = await this.db.query(`SELECT manifest, actor_id FROM evidence_export WHERE id = $1`, [id]);
    return row ? { manifest: row.manifest, actorId: row.actor_id } : null;
  }
}
