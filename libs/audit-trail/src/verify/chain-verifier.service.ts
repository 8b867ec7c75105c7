import { Injectable } from '@nestjs/common';
import { createPublicKey } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditChainRepository } from '../audit-chain.repository';
import { chainDigest, GENESIS_DIGEST, ManifestEntry } from '../batch-chain';
import { JournalRepository } from '../journal/journal.repository';
import { eventHash } from '../canonical-event';
import { BrokenBatchDto, VerifyReportDto } from '../dto/verify-report.dto';
import { SignedDigestRepository, SignedDigestRow } from '../signing/signed-digest.repository';
import { signedDigestPayload } from '../signing/signed-digest.util';
import { keyIdOf, verifySignature } from '../signing/signing-key.service';
import { diffBatchContents, isEmptyDiff, manifestOf } from './batch-contents.util';
import { IntegrityRepository, StoredBatchLink } from './integrity.repository';

const MAX_LISTED = 1000;

export interface VerifyRange {
  /** Batches stored at or after this time (default: from the first). */
  from?: Date;
  /** Batches stored at or before this time (default: up to the head). */
  to?: Date;
}

interface Walk {
  report: VerifyReportDto;
  expectedSeq: bigint;
  prev: Buffer;
  signatures: Map<bigint, SignedDigestRow[]>;
  ids: { min?: bigint; max?: bigint };
}

/**
 * Recomputes the hash chain: each batch's link and digest from its stored manifest, each stored row's hash against
 * the manifest, and the signed digests on the way. Starts at the last valid signed digest before the range (or at
 * genesis), streams the chain a page at a time, and stops at the first broken batch, naming the events in it.
 */
@Injectable()
export class ChainVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly integrity: IntegrityRepository,
    private readonly chain: AuditChainRepository,
    private readonly signedDigests: SignedDigestRepository,
    private readonly journal: JournalRepository,
  ) {}

  async verify(range: VerifyRange = {}): Promise<VerifyReportDto> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // One snapshot: batches committed while the walk runs are neither half-seen nor mistaken for tampering.
      await runner.startTransaction('REPEATABLE READ');
      return await this.walk(runner.manager, range);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private async walk(m: EntityManager, range: VerifyRange): Promise<VerifyReportDto> {
    const report = emptyReport(range);
    const bounds = await this.integrity.rangeBounds(m, range.from, range.to);
    if (!bounds) {
      if (!range.from && !range.to) await this.checkRowsOutsideChain(m, report, {});
      return finish(report);
    }
    const walk = await this.startWalk(m, report, bounds);
    let last: StoredBatchLink | undefined;
    for await (const link of this.integrity.links(m, walk.expectedSeq - 1n, bounds.last)) {
      const broken = await this.checkLink(m, walk, link);
      if (broken) {
        report.firstBrokenBatch = broken;
        return finish(report);
      }
      last = link;
    }
    if (walk.expectedSeq <= bounds.last) {
      report.firstBrokenBatch = brokenAt(null, walk.expectedSeq, `chain position ${walk.expectedSeq} is missing`);
      return finish(report);
    }
    await this.checkHead(m, report, last!);
    if (!report.firstBrokenBatch) {
      const open = !range.from && !range.to;
      const ids = open ? {} : { from: walk.ids.min?.toString(), to: range.to ? walk.ids.max?.toString() : undefined };
      await this.checkRowsOutsideChain(m, report, ids);
    }
    return finish(report);
  }

  /** Anchors the walk on the last signed digest before the range whose signature holds, or on genesis. */
  private async startWalk(m: EntityManager, report: VerifyReportDto, bounds: { first: bigint; last: bigint }): Promise<Walk> {
    let anchorSeq = 0n;
    let prev: Buffer = GENESIS_DIGEST;
    const signed = bounds.first > 1n ? await this.signedDigests.latestBefore(m, bounds.first.toString()) : null;
    if (signed) {
      const problem = this.checkSignature(report, signed);
      if (!problem) {
        anchorSeq = BigInt(signed.chainSeq);
        prev = signed.digest;
        report.anchor = {
          kind: 'signed-digest',
          chainSeq: signed.chainSeq,
          batchId: signed.batchId,
          signedAt: signed.signedAt.toISOString(),
        };
      }
    }
    const signatures = new Map<bigint, SignedDigestRow[]>();
    for (const s of await this.signedDigests.inRange(m, (anchorSeq + 1n).toString(), bounds.last.toString())) {
      const seq = BigInt(s.chainSeq);
      signatures.set(seq, [...(signatures.get(seq) ?? []), s]);
    }
    return { report, expectedSeq: anchorSeq + 1n, prev, signatures, ids: {} };
  }

  /** One batch: position, link, digest, its rows, its signatures. Returns what broke, or nothing. */
  private async checkLink(m: EntityManager, walk: Walk, link: StoredBatchLink): Promise<BrokenBatchDto | null> {
    const at = (reason: string): BrokenBatchDto => brokenAt(link.id, link.chainSeq, reason);
    if (link.chainSeq !== walk.expectedSeq) {
      return brokenAt(link.id, walk.expectedSeq, `chain position ${walk.expectedSeq} is missing (next found: ${link.chainSeq})`);
    }
    if (!link.prevDigest.equals(walk.prev)) return at('does not link to the previous batch (previous digest differs)');
    const manifest = manifestOf(link.eventIds, link.eventHashes);
    if (!manifest || manifest.length !== link.eventCount) return at('the batch manifest is malformed');
    const digest = chainDigest(link.prevDigest, BigInt(link.id), link.eventIds, link.eventHashes, link.digestForm);
    if (!digest.equals(link.digest)) return at('the batch digest does not match its manifest (batch record altered)');

    const diff = link.kind === 'journal' ? await this.journalDiff(m, walk, link, manifest) : await this.eventsDiff(m, walk, link, manifest);
    if (!isEmptyDiff(diff)) {
      if (link.kind === 'journal') return { ...at('journal rows (security log, alert actions) differ from the link manifest'), ...capLists(diff) };
      // Only removals, exactly as many as retention logged for this batch, are retention's doing.
      const onlyRemoved = !diff.changed.length && !diff.added.length;
      if (!onlyRemoved || (await this.integrity.retainedOut(m, link.id)) !== diff.removed.length) {
        return { ...at('stored events differ from the batch manifest'), ...capLists(diff) };
      }
      walk.report.batchesRetainedOut++;
    }
    for (const s of walk.signatures.get(link.chainSeq) ?? []) this.checkSignature(walk.report, s, link);

    walk.report.batchesChecked++;
    walk.expectedSeq++;
    walk.prev = link.digest;
    const id = BigInt(link.id);
    if (walk.ids.min === undefined || id < walk.ids.min) walk.ids.min = id;
    if (walk.ids.max === undefined || id > walk.ids.max) walk.ids.max = id;
    return null;
  }

  private async eventsDiff(m: EntityManager, walk: Walk, link: StoredBatchLink, manifest: ManifestEntry[]) {
    const rows = await this.integrity.rowsOfBatch(m, link.id);
    walk.report.eventsChecked += rows.length;
    return diffBatchContents(manifest, rows.map((r) => ({ eventId: r.eventId, hash: eventHash(r, link.canonicalForm) })));
  }

  /** A journal link: its rows as they are now; a deleted row (null hash) counts as removed. */
  private async journalDiff(m: EntityManager, walk: Walk, link: StoredBatchLink, manifest: ManifestEntry[]) {
    const rows = await this.journal.rowsOfLink(m, link.id);
    walk.report.journalRowsChecked += rows.length;
    const present = rows.filter((r): r is { key: string; hash: Buffer } => r.hash !== null);
    return diffBatchContents(manifest, present.map((r) => ({ eventId: r.key, hash: r.hash })));
  }

  /** Checks one signed digest (and, given the batch at its position, that it attests that batch). */
  private checkSignature(report: VerifyReportDto, s: SignedDigestRow, link?: StoredBatchLink): string | null {
    report.signaturesChecked++;
    if (!report.keyIds.includes(s.keyId)) report.keyIds.push(s.keyId);
    const problem = signatureProblem(s, link);
    if (problem) {
      report.signatureFailures.push({ signedDigestId: s.id, chainSeq: s.chainSeq, batchId: s.batchId, keyId: s.keyId, reason: problem });
    }
    return problem;
  }

  private async checkHead(m: EntityManager, report: VerifyReportDto, last: StoredBatchLink): Promise<void> {
    if (last.chainSeq !== (await this.integrity.maxChainSeq(m))) return;
    const head = await this.chain.readHead(m);
    if (head.chainSeq !== last.chainSeq || !head.digest.equals(last.digest)) {
      report.firstBrokenBatch = brokenAt(head.batchId, head.chainSeq, 'the chain head does not match the last batch');
    }
  }

  private async checkRowsOutsideChain(m: EntityManager, report: VerifyReportDto, ids: { from?: string; to?: string }): Promise<void> {
    const rows = await this.integrity.rowsOutsideChain(m, ids, MAX_LISTED);
    if (!rows.length) return;
    report.firstBrokenBatch = {
      ...brokenAt(rows[0].batchId, null, 'stored events carry a batch id the chain does not know'),
      added: rows.map((r) => r.eventId),
    };
  }
}

function signatureProblem(s: SignedDigestRow, link?: StoredBatchLink): string | null {
  if (!s.publicKey) return 'no public key is recorded for this key id';
  try {
    if (keyIdOf(createPublicKey(s.publicKey)) !== s.keyId) return 'the recorded public key does not match its key id';
  } catch {
    return 'the recorded public key is not readable';
  }
  if (!verifySignature(signedDigestPayload(s), s.signature, s.publicKey)) {
    return 'signature does not verify with the recorded public key';
  }
  if (link && (link.id !== s.batchId || !link.digest.equals(s.digest))) {
    return 'the signed digest differs from the chain at this position';
  }
  return null;
}

function brokenAt(batchId: string | null, chainSeq: bigint | null, reason: string): BrokenBatchDto {
  return { batchId, chainSeq: chainSeq?.toString() ?? null, reason, changed: [], removed: [], added: [] };
}

function capLists(d: { changed: string[]; removed: string[]; added: string[] }): Pick<BrokenBatchDto, 'changed' | 'removed' | 'added'> {
  return { changed: d.changed.slice(0, MAX_LISTED), removed: d.removed.slice(0, MAX_LISTED), added: d.added.slice(0, MAX_LISTED) };
}

function emptyReport(range: VerifyRange): VerifyReportDto {
  return {
    ok: false,
    from: range.from?.toISOString(),
    to: range.to?.toISOString(),
    anchor: { kind: 'genesis', chainSeq: '0' },
    batchesChecked: 0,
    eventsChecked: 0,
    journalRowsChecked: 0,
    signaturesChecked: 0,
    batchesRetainedOut: 0,
    keyIds: [],
    signatureFailures: [],
  };
}

function finish(report: VerifyReportDto): VerifyReportDto {
  report.ok = !report.firstBrokenBatch && !report.signatureFailures.length;
  return report;
}
