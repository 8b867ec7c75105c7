import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type {
  CitizenAccessSummary,
  ReportKind,
  ReportPeriod,
  ReportRecord,
  ReportSummary,
} from '../report.type';

export interface NewReport {
  id: string;
  kind: ReportKind;
  period: ReportPeriod;
  year: number;
  number: number;
  symbol: string;
  createdAt: Date;
  createdBy: string;
  pdf: Buffer;
  xlsx: Buffer;
  pdfSha256: Buffer;
  xlsxSha256: Buffer;
  summary: ReportSummary | CitizenAccessSummary;
  /** A citizen's access report: the case it answers and the citizen's keyed hash (current key), never the ID. */
  citizen?: { caseReference: string; subjectHash: Buffer };
}

const COLUMNS = `id::text, kind, to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to", year, number,
  symbol, created_at AS "createdAt", created_by AS "createdBy", encode(pdf_sha256, 'hex') AS "pdfSha256",
  encode(xlsx_sha256, 'hex') AS "xlsxSha256", octet_length(pdf) AS "pdfBytes", octet_length(xlsx) AS "xlsxBytes", summary`;

type Row = Omit<ReportRecord, 'period' | 'summary' | 'citizenAccess'> & {
  from: string;
  to: string;
  summary: ReportSummary | CitizenAccessSummary;
};
const record = ({ from, to, summary, ...r }: Row): ReportRecord =>
  r.kind === 'citizen_access'
    ? { ...r, period: { from, to }, summary: null, citizenAccess: summary as CitizenAccessSummary }
    : { ...r, period: { from, to }, summary: summary as ReportSummary, citizenAccess: null };

/** The report archive (table report): rows with their files, never updated or deleted by the service. */
@Injectable()
export class ReportRepository {
  constructor(private readonly db: DataSource) {}

  /** The report of a scheduled kind for exactly this period, if one was made. */
  async findScheduled(
    m: EntityManager | DataSource,
    kind: ReportKind,
    p: ReportPeriod,
  ): Promise<ReportRecord | null> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM report WHERE kind = $1 AND period_from = $2::date AND period_to = $3::date AND kind <> 'on_demand'`,
      [kind, p.from, p.to],
    );
    return rows[0] ? record(rows[0]) : null;
  }

  /** The next id and the next document number of the year, reserved before rendering (both are printed). */
  async reserve(m: EntityManager, year: number): Promise<{ id: string; number: number }> {
    const [row] = await m.query(
      `SELECT nextval('report_id_seq')::text AS id, coalesce((SELECT max(number) FROM report WHERE year = $1), 0) + 1 AS number`,
      [year],
    );
    return row;
  }

  async insert(m: EntityManager, r: NewReport): Promise<void> {
    await m.query(
      `INSERT INTO report (id, kind, period_from, period_to, year, number, symbol, created_at, created_by, pdf, xlsx, pdf_sha256, xlsx_sha256, summary,
         case_reference, subject_hash)
       VALUES ($1, $2, $3::date, $4::date, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        r.id,
        r.kind,
        r.period.from,
        r.period.to,
        r.year,
        r.number,
        r.symbol,
        r.createdAt,
        r.createdBy,
        r.pdf,
        r.xlsx,
        r.pdfSha256,
        r.xlsxSha256,
        JSON.stringify(r.summary),
        r.citizen?.caseReference ?? null,
        r.citizen?.subjectHash ?? null,
      ],
    );
  }

  /** Newest first; `before` is the id of the last report of the previous page. */
  async list(filter: { kind?: ReportKind; before?: string; limit: number }): Promise<ReportRecord[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${COLUMNS} FROM report WHERE ($1::text IS NULL OR kind = $1) AND ($2::bigint IS NULL OR id < $2::bigint)
       ORDER BY id DESC LIMIT $3`,
      [filter.kind ?? null, filter.before ?? null, filter.limit],
    );
    return rows.map(record);
  }

  async findById(id: string): Promise<ReportRecord | null> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM report WHERE id = $1::bigint`, [id]);
    return rows[0] ? record(rows[0]) : null;
  }

  async file(id: string, format: 'pdf' | 'xlsx'): Promise<Buffer | null> {
    const column = format === 'pdf' ? 'pdf' : 'xlsx';
    const rows: { data: Buffer }[] = await this.db.query(
      `SELECT ${column} AS data FROM report WHERE id = $1::bigint`,
      [id],
    );
    return rows[0]?.data ?? null;
  }
}
