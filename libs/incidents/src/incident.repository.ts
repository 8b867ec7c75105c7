import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Incident, IncidentChanges, NewIncident } from './incident.type';

type Db = EntityManager | DataSource;

const COLUMNS = `i.id::text, i.title, i.description, i.measures_taken AS "measuresTaken", i.status,
  i.discovered_at AS "discoveredAt", i.deadline_at AS "deadlineAt", i.occurred_from AS "occurredFrom", i.occurred_to AS "occurredTo",
  i.opened_at AS "openedAt", i.opened_by AS "openedBy", i.assignees, i.alert_ids AS "alertIds", i.accounts, i.units, i.fields,
  i.subjects_affected AS "subjectsAffected", i.records_affected AS "recordsAffected", i.notified_at AS "notifiedAt",
  i.late_marked_at AS "lateMarkedAt", i.closed_at AS "closedAt",
  i.retain_until AS "retainUntil", i.updated_at AS "updatedAt",
  coalesce((SELECT max(v.version) FROM incident_notice_version v WHERE v.incident_id = i.id), 0) AS "latestVersion",
  (SELECT v.version FROM incident_notice_version v WHERE v.incident_id = i.id AND v.finalised) AS "finalisedVersion",
  (SELECT v.content->>'number' FROM incident_notice_version v WHERE v.incident_id = i.id AND v.finalised) AS "noticeNumber"`;

export type IncidentRow = Incident & { latestVersion: number; finalisedVersion: number | null };

/** The columns PATCH may change, by property. */
const CHANGEABLE: Record<keyof Omit<IncidentChanges, 'status'>, string> = {
  title: 'title',
  description: 'description',
  measuresTaken: 'measures_taken',
  occurredFrom: 'occurred_from',
  occurredTo: 'occurred_to',
  assignees: 'assignees',
  accounts: 'accounts',
  units: 'units',
  fields: 'fields',
  subjectsAffected: 'subjects_affected',
  recordsAffected: 'records_affected',
};

/** Table incident: one row per breach, its deadline fixed at opening (a CHECK holds it to discovery + 72 h). */
@Injectable()
export class IncidentRepository {
  constructor(private readonly db: DataSource) {}

  async insert(m: Db, i: NewIncident, at: Date, by: string, retainUntil: Date, deadlineAt: Date): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO incident (title, description, measures_taken, discovered_at, deadline_at, occurred_from, occurred_to, opened_at,
         opened_by, assignees, alert_ids, accounts, units, fields, subjects_affected, records_affected, retain_until, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $8) RETURNING id::text`,
      [
        i.title,
        i.description,
        i.measuresTaken,
        i.discoveredAt,
        deadlineAt,
        i.occurredFrom,
        i.occurredTo,
        at,
        by,
        i.assignees,
        i.alertIds,
        i.accounts,
        i.units,
        i.fields,
        i.subjectsAffected,
        i.recordsAffected,
        retainUntil,
      ],
    );
    return row.id;
  }

  async findById(id: string, m: Db = this.db, lock = false): Promise<IncidentRow | null> {
    const rows: IncidentRow[] = await m.query(
      `SELECT ${COLUMNS} FROM incident i WHERE i.id = $1::bigint${lock ? ' FOR UPDATE OF i' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Newest discovery first; `before` is the id of the last incident of the previous page. */
  async list(filter: { status?: string; before?: string; limit: number }): Promise<IncidentRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM incident i
       WHERE ($1::text IS NULL OR i.status = $1) AND ($2::bigint IS NULL OR i.id < $2::bigint)
       ORDER BY i.id DESC LIMIT $3`,
      [filter.status ?? null, filter.before ?? null, filter.limit],
    );
  }

  async update(m: Db, id: string, changes: IncidentChanges, at: Date): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [id, at];
    for (const [key, column] of Object.entries(CHANGEABLE)) {
      const value = changes[key as keyof typeof CHANGEABLE];
      if (value === undefined) continue;
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
    if (changes.status === 'closed') sets.push(`status = 'closed', closed_at = $2`);
    await m.query(`UPDATE incident SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1::bigint`, values);
  }

  /** The first sending: the notice went out (later sendings are recorded but keep this time). */
  async markNotified(m: Db, id: string, at: Date, updatedAt: Date): Promise<void> {
    await m.query(
      `UPDATE incident SET notified_at = coalesce(notified_at, $2), status = CASE WHEN status = 'open' THEN 'notified' ELSE status END,
         updated_at = $3 WHERE id = $1::bigint`,
      [id, at, updatedAt],
    );
  }

  /** The next notice number of the year, kept on the incident so that finalising again reuses it. */
  async assignNoticeNumber(m: EntityManager, id: string, year: number): Promise<number> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM's pg driver.
    const [rows] = await m.query(
      `UPDATE incident SET notice_year = coalesce(notice_year, $2),
         notice_seq = coalesce(notice_seq, (SELECT coalesce(max(notice_seq), 0) + 1 FROM incident WHERE notice_year = coalesce(incident.notice_year, $2)))
       WHERE id = $1::bigint RETURNING notice_seq AS seq`,
      [id, year],
    );
    return (rows as { seq: number }[])[0].seq;
  }

  /** Incidents not notified whose deadline is past and not yet marked late; marks them, returns their ids. */
  async markLate(now: Date): Promise<string[]> {
    const [rows] = await this.db.query(
      `UPDATE incident SET late_marked_at = $1, updated_at = $1
       WHERE notified_at IS NULL AND status = 'open' AND deadline_at <= $1 AND late_marked_at IS NULL RETURNING id::text`,
      [now],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  /** Open, not notified, deadline still ahead: the ones reminders are for. */
  async findAwaitingNotice(now: Date): Promise<IncidentRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM incident i WHERE i.notified_at IS NULL AND i.status = 'open' AND i.deadline_at > $1 ORDER BY i.deadline_at`,
      [now],
    );
  }
}
