import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { merkleFill, merkleLeaves, merkleRoot } from '../merkle-tree.util';
import { DigestSigner } from '../signing/digest-signer.service';
import { SignedDigestRepository, SignedDigestRow } from '../signing/signed-digest.repository';
import { SigningKeyService } from '../signing/signing-key.service';
import type { ChainProof, ChainSegment, ProofLink } from './evidence-manifest.type';

/** The exported rows' batches, each proven against its stored manifest, in chain order. */
export interface ProvenBatches {
  links: (ProofLink & { prevDigest: Buffer })[];
  /** Rows whose batch the chain does not know, or that their batch's manifest does not list: nothing proves them. */
  unproven: { batchId: string; eventIds: string[] }[];
}

/** A query of the exported rows grouped by batch: columns batch_id (bigint), n (int, rows) and exported (text[] of event ids). */
export interface ExportedBatchesSql {
  sql: string;
  params: unknown[];
}

const GROUPS_PER_FETCH = 8;
/** Links per page when reading the chain between: small rows (a root), unless form-1 manifests come along. */
const LINKS_PER_PAGE = 50;
/** A link between whose root must be computed here (form 1, or no cached root), unless it is one of the proven. */
const MANIFEST_NEEDED = '(b.digest_form = 1 OR b.manifest_root IS NULL) AND NOT b.id = ANY($3::bigint[])';
const SIGN_ATTEMPTS = 20;

/**
 * Builds the chain part of an evidence manifest: for each batch the exported rows come from, their positions in its
 * manifest and the Merkle fill (never the other events), then every link from there to a signed chain head, each
 * given by its Merkle root only. When no signed head covers the newest batch yet, the head is signed on the spot.
 */
@Injectable()
export class ChainProofBuilder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signedDigests: SignedDigestRepository,
    private readonly signer: DigestSigner,
    private readonly keys: SigningKeyService,
  ) {}

  /** Runs in the caller's transaction (the export's snapshot), so that it sees exactly the rows exported. */
  async proveBatches(m: EntityManager, exported: ExportedBatchesSql): Promise<ProvenBatches> {
    const proven: ProvenBatches = { links: [], unproven: [] };
    // A batch exported whole (the usual case of a large export) needs only its cached root: its ids and hashes stay
    // in the database. Otherwise the batch's manifest comes along to place the rows and make the fill.
    const needsManifest = `(g.n <> b.event_count OR b.digest_form = 1 OR b.manifest_root IS NULL)`;
    await m.query(
      `DECLARE evidence_proof_groups NO SCROLL CURSOR FOR
       SELECT g.batch_id::text AS batch_id, g.n, b.chain_seq::text AS chain_seq, b.prev_digest, b.event_count,
              b.digest_form, b.canonical_form, b.manifest_root,
              CASE WHEN b.id IS NULL OR ${needsManifest} THEN g.exported END AS exported,
              CASE WHEN ${needsManifest} THEN b.event_ids END AS event_ids,
              CASE WHEN ${needsManifest} THEN b.event_hashes END AS event_hashes
       FROM (${exported.sql}) g LEFT JOIN audit_batch b ON b.id = g.batch_id
       ORDER BY b.chain_seq NULLS FIRST`,
      exported.params,
    );
    for (;;) {
      const rows = await m.query(`FETCH ${GROUPS_PER_FETCH} FROM evidence_proof_groups`);
      for (const r of rows) this.prove(r, proven);
      if (rows.length < GROUPS_PER_FETCH) break;
    }
    await m.query('CLOSE evidence_proof_groups');
    return proven;
  }

  private prove(r: Record<string, unknown>, proven: ProvenBatches): void {
    const batchId = r.batch_id as string;
    if (r.chain_seq === null) return void proven.unproven.push({ batchId, eventIds: r.exported as string[] });
    const link: ProofLink & { prevDigest: Buffer } = {
      batchId,
      chainSeq: r.chain_seq as string,
      count: r.event_count as number,
      digestForm: r.digest_form as 1 | 2,
      canonicalForm: r.canonical_form as 1 | 2,
      prevDigest: r.prev_digest as Buffer,
    };
    if (r.exported === null) {
      link.root = (r.manifest_root as Buffer).toString('hex');
      link.rows = { runs: [[0, link.count]], fill: [] };
      return void proven.links.push(link);
    }
    const ids = r.event_ids as string[];
    const hashes = r.event_hashes as Buffer;
    const position = new Map(ids.map((id, i) => [id, i]));
    const indexes: number[] = [];
    const missing: string[] = [];
    for (const id of r.exported as string[]) {
      const at = position.get(id);
      if (at === undefined) missing.push(id);
      else indexes.push(at);
    }
    if (missing.length) proven.unproven.push({ batchId, eventIds: missing });
    indexes.sort((a, b) => a - b);
    if (link.digestForm === 1) link.entries = entriesOf(ids, hashes);
    else {
      const leaves = merkleLeaves(ids, hashes);
      link.root = merkleRoot(leaves).toString('hex');
      link.rows = { runs: runsOf(indexes), fill: merkleFill(leaves, indexes).map((h) => h.toString('hex')) };
    }
    proven.links.push(link);
  }

  /** The chain from each proven batch to the first signed head at or after it (links are append-only: read now). */
  async segments(proven: ProvenBatches): Promise<ChainProof> {
    const m = this.dataSource.manager;
    const segments: ChainSegment[] = [];
    const publicKeys: Record<string, string> = {};
    const current = this.keys.current();
    publicKeys[current.keyId] = current.publicKeyPem;
    let i = 0;
    while (i < proven.links.length) {
      const start = proven.links[i];
      const head = await this.headCovering(m, start.chainSeq);
      if (head.publicKey) publicKeys[head.keyId] = head.publicKey;
      const headSeq = BigInt(head.chainSeq);
      const mine = new Map<string, ProofLink>();
      while (i < proven.links.length && BigInt(proven.links[i].chainSeq) <= headSeq) {
        const { prevDigest: _prev, ...link } = proven.links[i++];
        mine.set(link.batchId, link);
      }
      const links: ProofLink[] = [];
      for await (const link of this.passingLinks(m, BigInt(start.chainSeq) - 1n, headSeq, mine)) links.push(link);
      segments.push({
        prevDigest: start.prevDigest.toString('hex'),
        links,
        head: {
          chainSeq: head.chainSeq,
          batchId: head.batchId,
          digest: head.digest.toString('hex'),
          signedAt: head.signedAt.toISOString(),
          keyId: head.keyId,
          signature: head.signature.toString('base64'),
        },
      });
    }
    return { segments, publicKeys, unproven: proven.unproven };
  }

  /**
   * The links from afterSeq+1 to toSeq, in order: the proven ones as given, the others by their cached root, or (form 1,
   * or no cached root) by their manifest, which then comes along. A page at a time.
   */
  private async *passingLinks(m: EntityManager, afterSeq: bigint, toSeq: bigint, proven: Map<string, ProofLink>): AsyncGenerator<ProofLink> {
    for (let cursor = afterSeq; ; ) {
      const rows: Record<string, unknown>[] = await m.query(
        `SELECT b.id::text AS id, b.chain_seq::text AS chain_seq, b.event_count, b.digest_form, b.manifest_root,
                CASE WHEN ${MANIFEST_NEEDED} THEN b.event_ids END AS event_ids,
                CASE WHEN ${MANIFEST_NEEDED} THEN b.event_hashes END AS event_hashes
         FROM audit_batch b WHERE b.chain_seq > $1 AND b.chain_seq <= $2 ORDER BY b.chain_seq LIMIT ${LINKS_PER_PAGE}`,
        [cursor.toString(), toSeq.toString(), [...proven.keys()]],
      );
      for (const r of rows) yield proven.get(r.id as string) ?? passingLink(r);
      if (rows.length < LINKS_PER_PAGE) return;
      cursor = BigInt(rows[rows.length - 1].chain_seq as string);
    }
  }

  /** The first signed head at or after a chain position; signs the current head when none is there yet. */
  private async headCovering(m: EntityManager, chainSeq: string): Promise<SignedDigestRow> {
    for (let attempt = 0; attempt < SIGN_ATTEMPTS; attempt++) {
      const head = await this.signedDigests.firstAtOrAfter(m, chainSeq);
      if (head) return head;
      const outcome = await this.signer.signHead();
      if (!outcome.signed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no signed chain head covers chain position ${chainSeq}`);
  }
}

/** A link none of whose events is exported: its root (form 2) or its whole manifest (form 1). */
function passingLink(r: Record<string, unknown>): ProofLink {
  const link: ProofLink = { batchId: r.id as string, chainSeq: r.chain_seq as string, count: r.event_count as number, digestForm: r.digest_form as 1 | 2 };
  const ids = r.event_ids as string[];
  const hashes = r.event_hashes as Buffer;
  if (link.digestForm === 1) link.entries = entriesOf(ids, hashes);
  else link.root = ((r.manifest_root as Buffer | null) ?? merkleRoot(merkleLeaves(ids, hashes))).toString('hex');
  return link;
}

function entriesOf(ids: string[], hashes: Buffer): [string, string][] {
  return ids.map((id, i) => [id, hashes.subarray(i * 32, i * 32 + 32).toString('hex')]);
}

/** Sorted distinct indexes as runs [first, length]: a batch exported whole is one run. */
function runsOf(indexes: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const i of indexes) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1]);
  }
  return runs;
}
