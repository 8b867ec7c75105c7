import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { BreachNoticeContent } from './notice';
import type { NoticeFile, NoticeVersion } from './incident.type';

type Db = EntityManager | DataSource;

const COLUMNS = `incident_id::text AS "incidentId", version, content, created_at AS "createdAt", created_by AS "createdBy", finalised,
  encode(pdf_sha256, 'hex') AS "pdfSha256", encode(docx_sha256, 'hex') AS "docxSha256",
  encode(citizen_pdf_sha256, 'hex') AS "citizenPdfSha256", encode(citizen_docx_sha256, 'hex') AS "citizenDocxSha256"`;

const FILE_COLUMN: Record<NoticeFile, string> = {
  pdf: 'pdf',
  docx: 'docx',
  'citizen-pdf': 'citizen_pdf',
  'citizen-docx': 'citizen_docx',
};

export interface NoticeFiles {
  pdf: Buffer;
  docx: Buffer;
  citizenPdf: Buffer | null;
  citizenDocx: Buffer | null;
}

/** Table incident_notice_version: every saved edit of an incident's notice, never updated; one at most finalised. */
@Injectable()
export class NoticeVersionRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * A new version numbered after the latest. Called with the incident's row locked (FOR UPDATE), so two admins
   * saving at once are numbered one after the other; the primary key backs it.
   */
  async insert(
    m: EntityManager,
    v: { incidentId: string; content: BreachNoticeContent; at: Date; by: string; files?: NoticeFiles; sha?: Record<keyof NoticeFiles, Buffer | null> },
  ): Promise<number> {
    const rows: { version: number }[] = await m.query(
      `INSERT INTO incident_notice_version (incident_id, version, content, created_at, created_by, finalised,
         pdf, docx, citizen_pdf, citizen_docx, pdf_sha256, docx_sha256, citizen_pdf_sha256, citizen_docx_sha256)
       SELECT $1::bigint, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
       FROM incident_notice_version WHERE incident_id = $1::bigint RETURNING version`,
      [
        v.incidentId,
        JSON.stringify(v.content),
        v.at,
        v.by,
        Boolean(v.files),
        v.files?.pdf ?? null,
        v.files?.docx ?? null,
        v.files?.citizenPdf ?? null,
        v.files?.citizenDocx ?? null,
        v.sha?.pdf ?? null,
        v.sha?.docx ?? null,
        v.sha?.citizenPdf ?? null,
        v.sha?.citizenDocx ?? null,
      ],
    );
    return rows[0].version;
  }

  /** Newest first. */
  async list(incidentId: string, m: Db = this.db): Promise<NoticeVersion[]> {
    return m.query(`SELECT ${COLUMNS} FROM incident_notice_version WHERE incident_id = $1::bigint ORDER BY version DESC`, [incidentId]);
  }

  async find(incidentId: string, version: number, m: Db = this.db): Promise<NoticeVersion | null> {
    const rows: NoticeVersion[] = await m.query(
      `SELECT ${COLUMNS} FROM incident_notice_version WHERE incident_id = $1::bigint AND version = $2`,
      [incidentId, version],
    );
    return rows[0] ?? null;
  }

  async latest(incidentId: string, m: Db = this.db): Promise<NoticeVersion | null> {
    const rows: NoticeVersion[] = await m.query(
      `SELECT ${COLUMNS} FROM incident_notice_version WHERE incident_id = $1::bigint ORDER BY version DESC LIMIT 1`,
      [incidentId],
    );
    return rows[0] ?? null;
  }

  async finalised(incidentId: string, m: Db = this.db): Promise<NoticeVersion | null> {
    const rows: NoticeVersion[] = await m.query(
      `SELECT ${COLUMNS} FROM incident_notice_version WHERE incident_id = $1::bigint AND finalised`,
      [incidentId],
    );
    return rows[0] ?? null;
  }

  async file(incidentId: string, version: number, file: NoticeFile): Promise<Buffer | null> {
    const rows: { data: Buffer | null }[] = await this.db.query(
      `SELECT ${FILE_COLUMN[file]} AS data FROM incident_notice_version WHERE incident_id = $1::bigint AND version = $2`,
      [incidentId, version],
    );
    return rows[0]?.data ?? null;
  }
}
