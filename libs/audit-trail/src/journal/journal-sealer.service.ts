import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AuditChainRepository } from '../audit-chain.repository';
import { DIGEST_FORM, linkDigest, manifestOrder } from '../batch-chain';
import { manifestRoot } from '../merkle-tree.util';
import { JournalRepository } from './journal.repository';

/** The canonical form of journal links: the row hashes of journal-table.constant. */
export const JOURNAL_FORM = 1;

/** Any stable 64-bit number: one sealer at a time across replicas. */
const JOURNAL_SEAL_LOCK = 7_281_004_610;

export interface SealOutcome {
  batchId: string | null;
  rows: number;
}

/**
 * Links the journal tables' new rows (security log, alert actions) into the same hash chain as the query events:
 * one chain link of kind "journal" whose manifest lists each row by table and id with the hash of its content.
 * After that, a changed or deleted row is found by verify like a changed or deleted lookup. Run every few
 * seconds by the jobs role; a second replica running at the same moment skips.
 */
@Injectable()
export class JournalSealer {
  private readonly logger = new Logger(JournalSealer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly journal: JournalRepository,
    private readonly chain: AuditChainRepository,
    private readonly clock: Clock,
  ) {}

  async seal(): Promise<SealOutcome> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const [{ acquired }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS acquired', [JOURNAL_SEAL_LOCK]);
      if (!acquired) return { batchId: null, rows: 0 };
      const rows = await this.journal.unsealed(m);
      if (!rows.length) return { batchId: null, rows: 0 };
      const batchId = await this.chain.nextBatchId(m);
      await this.journal.recordSealed(m, batchId, rows);
      const order = manifestOrder(rows.map((r) => r.key));
      const keys = order.map((i) => rows[i].key);
      const hashes = Buffer.concat(order.map((i) => rows[i].hash));
      const now = this.clock.now();
      const root = manifestRoot(keys, hashes);
      const head = await this.chain.lockHead(m);
      await this.chain.appendLink(m, {
        id: batchId,
        chainSeq: head.chainSeq + 1n,
        prevDigest: head.digest,
        digest: linkDigest(head.digest, BigInt(batchId), keys.length, root),
        eventIds: keys,
        eventHashes: hashes,
        canonicalForm: JOURNAL_FORM,
        digestForm: DIGEST_FORM,
        manifestRoot: root,
        kind: 'journal',
        firstOccurredAt: null,
        lastOccurredAt: null,
        source: 'journal',
        origin: null,
        createdAt: now,
      });
      return { batchId, rows: rows.length };
    });
    if (outcome.batchId) this.logger.debug(`Sealed ${outcome.rows} journal rows into batch ${outcome.batchId}`);
    return outcome;
  }
}
