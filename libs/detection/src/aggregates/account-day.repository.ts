import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountDayDelta, MAX_CLIENT_IPS } from './account-day-delta.util';
import { mergeSubjectSets } from './subject-set.util';

interface CurrentRow {
  account_id: string;
  day: string;
  events: number;
  lookups: number;
  logins: number;
  exports: number;
  exported_subjects: string;
  with_dossier: number;
  own_unit_dossier: number;
  sensitive: number;
  explained: number;
  unneeded_fields: number;
  unneeded_sensitive: number;
  refused: number;
  slots: number[];
  subjects: Buffer;
  distinct_subjects: number;
  client_ips: string[];
  unit_code: string | null;
  first_at: Date | null;
  last_at: Date | null;
}

const COUNTS = [
  'events',
  'lookups',
  'logins',
  'exports',
  'with_dossier',
  'own_unit_dossier',
  'sensitive',
  'explained',
  'unneeded_fields',
  'unneeded_sensitive',
  'refused',
] as const;
const DELTA_OF: Record<(typeof COUNTS)[number], keyof AccountDayDelta> = {
  events: 'events',
  lookups: 'lookups',
  logins: 'logins',
  exports: 'exports',
  with_dossier: 'withDossier',
  own_unit_dossier: 'ownUnitDossier',
  sensitive: 'sensitive',
  explained: 'explained',
  unneeded_fields: 'unneededFields',
  unneeded_sensitive: 'unneededSensitive',
  refused: 'refused',
};

/** The per-account-day aggregate. Written inside the batch's transaction, so a batch counts once or not at all. */
@Injectable()
export class AccountDayRepository {
  /**
   * Adds the deltas: rows made if new, then read and locked in one order (two writers of one account's day wait
   * for each other instead of deadlocking), merged here (counts, slots, the exact set of citizens), written back.
   */
  async apply(m: EntityManager, deltas: AccountDayDelta[]): Promise<void> {
    if (!deltas.length) return;
    const sorted = [...deltas].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const keys = [sorted.map((d) => d.accountId), sorted.map((d) => d.day)];
    await m.query(
      `INSERT INTO account_day (account_id, day) SELECT a, d FROM unnest($1::text[], $2::date[]) AS k(a, d) ORDER BY a, d
       ON CONFLICT DO NOTHING`,
      keys,
    );
    const current: CurrentRow[] = await m.query(
      `SELECT account_id, day::text AS day, events, lookups, logins, exports, exported_subjects, with_dossier, own_unit_dossier,
              sensitive, explained, unneeded_fields, unneeded_sensitive, refused, slots, subjects, distinct_subjects, client_ips, unit_code, first_at, last_at
       FROM account_day WHERE (account_id, day) IN (SELECT * FROM unnest($1::text[], $2::date[]))
       ORDER BY account_id, day FOR UPDATE`,
      keys,
    );
    const byKey = new Map(current.map((r) => [`${r.account_id}\u0000${r.day}`, r]));
    const rows = sorted.map((d) => merged(byKey.get(`${d.accountId}\u0000${d.day}`)!, d));
    await m.query(
      `UPDATE account_day a SET events = r.events, lookups = r.lookups, logins = r.logins, exports = r.exports,
              exported_subjects = r.exported_subjects, with_dossier = r.with_dossier, own_unit_dossier = r.own_unit_dossier,
              sensitive = r.sensitive, explained = r.explained, unneeded_fields = r.unneeded_fields,
              unneeded_sensitive = r.unneeded_sensitive, refused = r.refused, slots = r.slots, subjects = decode(r.subjects, 'hex'),
              distinct_subjects = r.distinct_subjects, client_ips = r.client_ips, unit_code = r.unit_code,
              first_at = r.first_at, last_at = r.last_at
       FROM jsonb_to_recordset($1::jsonb) AS r(account_id text, day date, events int, lookups int, logins int, exports int,
            exported_subjects bigint, with_dossier int, own_unit_dossier int, sensitive int, explained int, unneeded_fields int,
            unneeded_sensitive int, refused int, slots int[],
            subjects text, distinct_subjects int, client_ips text[], unit_code text, first_at timestamptz, last_at timestamptz)
       WHERE a.account_id = r.account_id AND a.day = r.day`,
      [JSON.stringify(rows)],
    );
  }

  /** Forgets the days of a period before a rescan rebuilds them. */
  async deleteDays(m: EntityManager, fromDay: string, toDay: string): Promise<number> {
    const [, affected] = await m.query(`DELETE FROM account_day WHERE day >= $1::date AND day <= $2::date`, [fromDay, toDay]);
    return affected;
  }
}

function merged(row: CurrentRow, d: AccountDayDelta): Record<string, unknown> {
  const out: Record<string, unknown> = { account_id: row.account_id, day: row.day };
  for (const c of COUNTS) out[c] = row[c] + (d[DELTA_OF[c]] as number);
  const { merged: subjects, added } = mergeSubjectSets(row.subjects, d.subjects);
  // Sorted before the cap: whatever order events arrive in (live, back-fill, rescan), the same addresses are kept.
  const ips = [...new Set([...row.client_ips, ...d.clientIps])].sort().slice(0, MAX_CLIENT_IPS);
  return {
    ...out,
    exported_subjects: Number(row.exported_subjects) + d.exportedSubjects,
    slots: row.slots.map((n, i) => n + d.slots[i]),
    subjects: subjects.toString('hex'),
    distinct_subjects: row.distinct_subjects + added,
    client_ips: ips,
    unit_code: d.unitCode ?? row.unit_code,
    first_at: row.first_at && row.first_at < d.firstAt ? row.first_at : d.firstAt,
    last_at: row.last_at && row.last_at > d.lastAt ? row.last_at : d.lastAt,
  };
}
