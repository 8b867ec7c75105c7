import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';
import type { WindowLookup } from './window-lookup.type';

const COLUMNS = `event_id, account_id, unit_code, occurred_at, source_system, encode(subject_hash, 'hex') AS subject_hash,
  encode(subject_block, 'hex') AS subject_block, dossier_code, result`;
/** A lookup of a citizen, as account_day counts it (events dated in the future are left out there too). */
const IS_LOOKUP = `action IN ('lookup', 'verify') AND subject_hash IS NOT NULL AND NOT ('future_time' = ANY (flags))`;
/** Not for a dossier of the account's unit (the SQL twin of namesOwnUnitDossier). */
const WITHOUT_OWN_UNIT_DOSSIER = `NOT (unit_code IS NOT NULL AND dossier_code IS NOT NULL AND starts_with(dossier_code, unit_code))`;
/** Vietnam's local day of an instant (UTC+7, no daylight saving), as local-day.util computes it. */
const LOCAL_DAY = `((occurred_at AT TIME ZONE 'UTC') + interval '7 hours')::date`;

/** What the window detectors (enumeration, one citizen across units) read from the store and account_day. */
@Injectable()
export class WindowLookupRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The accounts' lookups in [from, to), in time order (index on account_id, occurred_at). */
  async findAccountLookups(accountIds: string[], from: Date, to: Date): Promise<WindowLookup[]> {
    if (!accountIds.length) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM query_event
       WHERE account_id = ANY ($1::text[]) AND occurred_at >= $2 AND occurred_at < $3 AND ${IS_LOOKUP}
       ORDER BY occurred_at, event_id`,
      [accountIds, from, to],
    );
    return rows.map(toLookup);
  }

  /** Lookups of these citizens (hex hashes) in [from, to) naming no dossier, in time order (index on subject_hash, occurred_at). */
  async findDossierlessSubjectLookups(subjectHashes: string[], from: Date, to: Date): Promise<WindowLookup[]> {
    if (!subjectHashes.length) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM query_event
       WHERE subject_hash = ANY ($1::bytea[]) AND occurred_at >= $2 AND occurred_at < $3 AND ${IS_LOOKUP} AND dossier_code IS NULL
       ORDER BY occurred_at, event_id`,
      [subjectHashes.map((h) => `\\x${h}`), from, to],
    );
    return rows.map(toLookup);
  }

  /** Account-days with at least min lookups naming no dossier (account_day: no event read). */
  async findDossierlessDays(fromDay: LocalDay, toDay: LocalDay, min: number, accountIds?: string[]): Promise<{ accountId: string; day: LocalDay }[]> {
    const rows: { account_id: string; day: string }[] = await this.dataSource.query(
      `SELECT account_id, day::text AS day FROM account_day
       WHERE day >= $1::date AND day <= $2::date AND lookups - with_dossier >= $3
         AND ($4::text[] IS NULL OR account_id = ANY ($4::text[]))
       ORDER BY day, account_id`,
      [fromDay, toDay, min, accountIds ?? null],
    );
    return rows.map((r) => ({ accountId: r.account_id, day: r.day }));
  }

  /**
   * The accounts that, in [from, to), looked up at least minPerBlock distinct citizens of one of these blocks (hex
   * hashes) without a dossier of their unit: one probe per block (idx_query_event_block_time), and ordinary work
   * finds only the batch's own lookup in each.
   */
  async findCrowdedBlockAccounts(blocks: string[], from: Date, to: Date, minPerBlock: number): Promise<string[]> {
    if (!blocks.length) return [];
    const rows: { account_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT account_id FROM (
         SELECT account_id FROM query_event
         WHERE subject_block = ANY ($1::bytea[]) AND occurred_at >= $2 AND occurred_at < $3 AND ${IS_LOOKUP} AND ${WITHOUT_OWN_UNIT_DOSSIER}
         GROUP BY account_id, subject_block HAVING count(DISTINCT subject_hash) >= $4) crowded`,
      [blocks.map((b) => `\\x${b}`), from, to, minPerBlock],
    );
    return rows.map((r) => r.account_id);
  }

  /**
   * Account-days of [from, to) whose lookups without a dossier of the unit hold at least minSubjects citizens in
   * blocks of at least minPerBlock: the only days a walk can be found on (a window holds no more than its day).
   */
  async findWalkDays(from: Date, to: Date, minPerBlock: number, minSubjects: number): Promise<{ accountId: string; day: LocalDay }[]> {
    const rows: { account_id: string; day: string }[] = await this.dataSource.query(
      `SELECT account_id, day::text AS day FROM (
         SELECT account_id, ${LOCAL_DAY} AS day, count(DISTINCT subject_hash) AS n FROM query_event
         WHERE occurred_at >= $1 AND occurred_at < $2 AND subject_block IS NOT NULL AND ${IS_LOOKUP} AND ${WITHOUT_OWN_UNIT_DOSSIER}
         GROUP BY account_id, ${LOCAL_DAY}, subject_block HAVING count(DISTINCT subject_hash) >= $3) blocks
       GROUP BY account_id, day HAVING sum(n) >= $4
       ORDER BY day, account_id`,
      [from, to, minPerBlock, minSubjects],
    );
    return rows.map((r) => ({ accountId: r.account_id, day: r.day }));
  }

  /**
   * Citizens (hex hashes) and local days on which at least minAccounts accounts of at least minUnits units looked
   * them up without a dossier: the only subject-days where the window rule can fire.
   */
  async findSharedSubjectDays(from: Date, to: Date, minAccounts: number, minUnits: number): Promise<{ subjectHash: string; day: LocalDay }[]> {
    const rows: { subject_hash: string; day: string }[] = await this.dataSource.query(
      `SELECT encode(subject_hash, 'hex') AS subject_hash, ${LOCAL_DAY}::text AS day FROM query_event
       WHERE occurred_at >= $1 AND occurred_at < $2 AND ${IS_LOOKUP} AND dossier_code IS NULL
       GROUP BY subject_hash, ${LOCAL_DAY}
       HAVING count(DISTINCT account_id) >= $3 AND count(DISTINCT coalesce(unit_code, '?' || account_id)) >= $4
       ORDER BY 2, 1`,
      [from, to, minAccounts, minUnits],
    );
    return rows.map((r) => ({ subjectHash: r.subject_hash, day: r.day }));
  }
}

function toLookup(r: Record<string, unknown>): WindowLookup {
  return {
    eventId: r.event_id as string,
    accountId: r.account_id as string,
    unitCode: r.unit_code as string | null,
    at: r.occurred_at as Date,
    sourceSystem: r.source_system as string,
    subjectHash: r.subject_hash as string,
    subjectBlock: r.subject_block as string | null,
    dossierCode: r.dossier_code as string | null,
    result: r.result as string,
  };
}
