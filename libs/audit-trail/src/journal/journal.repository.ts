import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JOURNAL_TABLES, journalKey, journalRowHashSql, JournalTable } from './journal-table.constant';

export interface JournalRowHash {
  key: string;
  /** Null when the row the chain lists is gone. */
  hash: Buffer | null;
}

/**
 * Rows committed out of id order (a transaction that took its id before another but committed after it) are
 * still found: the sealer looks this far below the highest sealed id for rows not yet sealed.
 */
const LATE_COMMIT_WINDOW = 10_000;
const MAX_ROWS_PER_SEAL = 20_000;

@Injectable()
export class JournalRepository {
  /** Rows of every journal table not yet sealed into the chain, with their hashes. */
  async unsealed(m: EntityManager): Promise<{ table: JournalTable; id: string; key: string; hash: Buffer }[]> {
    const found: { table: JournalTable; id: string; key: string; hash: Buffer }[] = [];
    for (const table of JOURNAL_TABLES) {
      const rows: { id: string; hash: Buffer }[] = await m.query(
        `SELECT t.id::text AS id, ${journalRowHashSql(table, 't')} AS hash FROM ${table.name} t
         WHERE t.id > (SELECT coalesce(max(row_id), 0) - ${LATE_COMMIT_WINDOW} FROM journal_entry WHERE table_name = $1)
           AND NOT EXISTS (SELECT 1 FROM journal_entry j WHERE j.table_name = $1 AND j.row_id = t.id)
         ORDER BY t.id LIMIT ${MAX_ROWS_PER_SEAL}`,
        [table.name],
      );
      for (const r of rows) found.push({ table, id: r.id, key: journalKey(table.name, r.id), hash: r.hash });
    }
    return found;
  }

  async recordSealed(m: EntityManager, batchId: string, rows: { table: JournalTable; id: string }[]): Promise<void> {
    await m.query(
      `INSERT INTO journal_entry (table_name, row_id, batch_id) SELECT t, r, $3 FROM unnest($1::text[], $2::bigint[]) AS x(t, r)`,
      [rows.map((r) => r.table.name), rows.map((r) => r.id), batchId],
    );
  }

  /** The rows a journal link lists, hashed as they are now (null hash: the row was deleted). */
  async rowsOfLink(m: EntityManager, batchId: string): Promise<JournalRowHash[]> {
    const out: JournalRowHash[] = [];
    for (const table of JOURNAL_TABLES) {
      const rows: { id: string; hash: Buffer | null }[] = await m.query(
        `SELECT j.row_id::text AS id, CASE WHEN t.id IS NULL THEN NULL ELSE ${journalRowHashSql(table, 't')} END AS hash
         FROM journal_entry j LEFT JOIN ${table.name} t ON t.id = j.row_id
         WHERE j.batch_id = $1 AND j.table_name = $2`,
        [batchId, table.name],
      );
      for (const r of rows) out.push({ key: journalKey(table.name, r.id), hash: r.hash });
    }
    return out;
  }
}
