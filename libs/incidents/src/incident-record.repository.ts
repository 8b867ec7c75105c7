import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { IncidentRecord, IncidentReminder, NewIncidentRecord } from './incident.type';

const COLUMNS = `id::text, incident_id::text AS "incidentId", kind, at, channel, recipient, reference, note, file_name AS "fileName",
  file_type AS "fileType", encode(file_sha256, 'hex') AS "fileSha256", octet_length(file) AS "fileBytes",
  created_at AS "createdAt", created_by AS "createdBy"`;

/** A reminder claimed this long ago whose mail got no outcome: the process stopped while sending it. */
export const REMINDER_STALE_MS = 10 * 60_000;

/** Tables incident_record (sendings, confirmation records) and incident_reminder (one row per reminder sent). */
@Injectable()
export class IncidentRecordRepository {
  constructor(private readonly db: DataSource) {}

  async insert(m: EntityManager, incidentId: string, r: NewIncidentRecord, sha256: Buffer | null, at: Date, by: string): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO incident_record (incident_id, kind, at, channel, recipient, reference, note, file_name, file_type, file, file_sha256, created_at, created_by)
       VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id::text`,
      [incidentId, r.kind, r.at, r.channel, r.recipient, r.reference, r.note, r.file?.name ?? null, r.file?.type ?? null, r.file?.data ?? null, sha256, at, by],
    );
    return rows[0].id;
  }

  async list(incidentId: string): Promise<IncidentRecord[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM incident_record WHERE incident_id = $1::bigint ORDER BY id`, [incidentId]);
  }

  async file(incidentId: string, recordId: string): Promise<{ name: string; type: string; data: Buffer } | null> {
    const rows: { name: string; type: string; data: Buffer }[] = await this.db.query(
      `SELECT file_name AS name, file_type AS type, file AS data FROM incident_record
       WHERE incident_id = $1::bigint AND id = $2::bigint AND file IS NOT NULL`,
      [incidentId, recordId],
    );
    return rows[0] ?? null;
  }

  /** Claims a reminder: true when this caller is the first (the primary key makes it once per offset, across replicas). */
  async claimReminder(incidentId: string, hoursBefore: number, at: Date, recipients: string[]): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO incident_reminder (incident_id, hours_before, sent_at, recipients, outcome) VALUES ($1::bigint, $2, $3, $4, 'pending')
       ON CONFLICT DO NOTHING RETURNING hours_before`,
      [incidentId, hoursBefore, at, recipients],
    );
    return rows.length === 1;
  }

  async setReminderOutcome(incidentId: string, hoursBefore: number, outcome: IncidentReminder['outcome']): Promise<void> {
    await this.db.query(`UPDATE incident_reminder SET outcome = $3 WHERE incident_id = $1::bigint AND hours_before = $2`, [
      incidentId,
      hoursBefore,
      outcome,
    ]);
  }

  /** The reminders of an incident; a claim still pending REMINDER_STALE_MS after it was made is reported as failed. */
  async reminders(incidentId: string, now: Date): Promise<IncidentReminder[]> {
    return this.db.query(
      `SELECT hours_before AS "hoursBefore", sent_at AS "sentAt", recipients,
              CASE WHEN outcome = 'pending' AND sent_at < $2::timestamptz - $3 * interval '1 millisecond' THEN 'failed' ELSE outcome END AS outcome
       FROM incident_reminder WHERE incident_id = $1::bigint ORDER BY hours_before DESC`,
      [incidentId, now, REMINDER_STALE_MS],
    );
  }
}
