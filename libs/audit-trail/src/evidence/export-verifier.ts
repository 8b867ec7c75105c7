import { createHash, createPublicKey } from 'node:crypto';
import { chainDigest, linkDigest, manifestOrder } from '../batch-chain';
import { eventHash } from '../canonical-event';
import { merkleLeaf, merkleRootFromFill } from '../merkle-tree.util';
import { signedDigestPayload } from '../signing/signed-digest.util';
import { keyIdOf, verifySignature } from '../signing/signing-key.service';
import { MANIFEST_FORMAT, type ChainSegment, type EvidenceManifest, type ProofLink } from './evidence-manifest.type';
import { manifestPayload, manifestText } from './manifest-signature.util';
import type { ExportRow } from './export-row.util';

/** What failed, by kind: the manifest itself, the file's hash, a row, a batch's proof, the chain, a signature. */
export type ExportCheck = 'manifest' | 'file-hash' | 'row' | 'batch' | 'chain' | 'signature';

export interface ExportVerifyReport {
  ok: boolean;
  exportId?: string;
  caseReference?: string;
  purpose?: string;
  exportedBy?: string;
  exportedAt?: string;
  format?: string;
  rowsChecked: number;
  batchesProven: number;
  linksChecked: number;
  headsChecked: number;
  /** Key ids of the signatures checked; 'given' when they were checked against the key the verifier was handed. */
  keyIds: string[];
  trustedKey: 'given' | 'manifest';
  failures: { check: ExportCheck; message: string }[];
}

/** The rows of an export file, read by the caller (CSV or XLSX), with the line or row each came from. */
export type RowSource = AsyncIterable<{ at: number; row: ExportRow } | { at: number; error: string }>;

const MAX_FAILURES = 50;

/**
 * Checks an evidence export offline, with no database and no secret: the manifest is canonical and signed, the
 * file is the one it describes, every row hashes into its batch's Merkle tree, every batch digest chains to a
 * signed chain head, and every signature verifies — with the given public key, else with the keys the manifest
 * carries (whose ids must then be compared with the published one).
 */
export async function verifyExport(
  manifestSource: string,
  file: Buffer,
  readRows: (file: Buffer, format: 'csv' | 'xlsx', columns: string[]) => RowSource,
  trustedPublicKeyPem?: string,
): Promise<ExportVerifyReport> {
  const report: ExportVerifyReport = {
    ok: false,
    rowsChecked: 0,
    batchesProven: 0,
    linksChecked: 0,
    headsChecked: 0,
    keyIds: [],
    trustedKey: trustedPublicKeyPem ? 'given' : 'manifest',
    failures: [],
  };
  const fail = (check: ExportCheck, message: string): void => {
    if (report.failures.length < MAX_FAILURES) report.failures.push({ check, message });
  };
  const manifest = parseManifest(manifestSource, fail);
  if (!manifest) return report;
  Object.assign(report, {
    exportId: manifest.exportId,
    caseReference: manifest.caseReference,
    purpose: manifest.purpose,
    exportedBy: manifest.exportedBy?.username,
    exportedAt: manifest.exportedAt,
    format: manifest.file?.format,
  });
  const keyFor = keyResolver(manifest, trustedPublicKeyPem, fail, report);
  const signer = keyFor(manifest.signature?.keyId);
  if (signer && !verifySignature(manifestPayload(manifest), Buffer.from(manifest.signature.value ?? '', 'base64'), signer)) {
    fail('signature', 'the manifest signature does not verify (the manifest was altered or not issued by this key)');
  }

  const sha256 = createHash('sha256').update(file).digest('hex');
  if (sha256 !== manifest.file.sha256 || file.length !== manifest.file.bytes) {
    fail('file-hash', `the file's SHA-256 is ${sha256} (${file.length} bytes); the manifest says ${manifest.file.sha256} (${manifest.file.bytes} bytes)`);
  }

  const links = new Map<string, ProofLink>();
  for (const s of manifest.chain.segments) for (const l of s.links) links.set(l.batchId, l);
  const rowsByBatch = new Map<string, { eventId: string; hash: Buffer }[]>();
  for await (const r of readRows(file, manifest.file.format, manifest.file.columns)) {
    if ('error' in r) {
      fail('row', `row ${r.at}: ${r.error}`);
      continue;
    }
    report.rowsChecked++;
    const link = links.get(r.row.batchId);
    if (!link || (!link.rows && !link.entries)) {
      fail('row', `row ${r.at} (event ${r.row.event.eventId}): batch ${r.row.batchId} is not proven by the manifest`);
      continue;
    }
    const list = rowsByBatch.get(r.row.batchId) ?? [];
    list.push({ eventId: r.row.event.eventId, hash: eventHash(r.row.event, link.canonicalForm ?? 2) });
    rowsByBatch.set(r.row.batchId, list);
  }
  if (report.rowsChecked !== manifest.file.rows) {
    fail('row', `the file holds ${report.rowsChecked} rows; the manifest says ${manifest.file.rows}`);
  }
  for (const segment of manifest.chain.segments) checkSegment(segment, rowsByBatch, keyFor, report, fail);
  for (const u of manifest.chain.unproven ?? []) {
    fail('row', `batch ${u.batchId}: ${u.eventIds.length} exported rows are not in the integrity chain (${u.eventIds.slice(0, 5).join(', ')})`);
  }
  report.ok = report.failures.length === 0;
  return report;
}

function parseManifest(text: string, fail: (c: ExportCheck, m: string) => void): EvidenceManifest | null {
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(text) as EvidenceManifest;
  } catch {
    fail('manifest', 'the manifest is not JSON');
    return null;
  }
  if (manifest?.format !== MANIFEST_FORMAT) {
    fail('manifest', `the manifest's format is not ${MANIFEST_FORMAT}`);
    return null;
  }
  if (!manifest.file || !manifest.chain?.segments || !manifest.signature) {
    fail('manifest', 'the manifest lacks its file, chain or signature');
    return null;
  }
  if (manifestText(manifest) !== text && manifestText(manifest) !== `${text}\n`) {
    fail('manifest', 'the manifest is not in its canonical form (it was edited)');
  }
  return manifest;
}

/** The public key each signature is checked with: the given one only, or the manifest's, checked against its id. */
function keyResolver(
  manifest: EvidenceManifest,
  trusted: string | undefined,
  fail: (c: ExportCheck, m: string) => void,
  report: ExportVerifyReport,
): (keyId: string | undefined) => string | null {
  let trustedId: string | null = null;
  if (trusted) {
    try {
      trustedId = keyIdOf(createPublicKey(trusted));
    } catch {
      fail('signature', 'the given public key is not readable (PEM expected)');
    }
  }
  return (keyId) => {
    if (!keyId) return fail('signature', 'a signature names no key'), null;
    if (!report.keyIds.includes(keyId)) report.keyIds.push(keyId);
    if (trusted) {
      if (keyId === trustedId) return trusted;
      return fail('signature', `signed by key ${keyId}, not by the given public key ${trustedId ?? ''}`), null;
    }
    const pem = manifest.chain.publicKeys?.[keyId];
    try {
      if (pem && keyIdOf(createPublicKey(pem)) === keyId) return pem;
    } catch {
      // reported below
    }
    return fail('signature', `the manifest carries no valid public key for key ${keyId}`), null;
  };
}

function checkSegment(
  segment: ChainSegment,
  rowsByBatch: Map<string, { eventId: string; hash: Buffer }[]>,
  keyFor: (keyId: string | undefined) => string | null,
  report: ExportVerifyReport,
  fail: (c: ExportCheck, m: string) => void,
): void {
  let prev: Buffer = Buffer.from(segment.prevDigest, 'hex');
  let seq: bigint | null = null;
  let last: ProofLink | undefined;
  for (const link of segment.links) {
    if (seq !== null && BigInt(link.chainSeq) !== seq + 1n) {
      return fail('chain', `chain position ${seq + 1n} is missing before batch ${link.batchId}`);
    }
    seq = BigInt(link.chainSeq);
    const digest = linkDigestOf(link, prev, rowsByBatch.get(link.batchId) ?? [], fail);
    if (!digest) return;
    report.linksChecked++;
    if (link.rows || link.entries) report.batchesProven++;
    prev = digest;
    last = link;
  }
  const head = segment.head;
  report.headsChecked++;
  if (!last || head.batchId !== last.batchId || head.chainSeq !== last.chainSeq || head.digest !== prev.toString('hex')) {
    return fail('chain', `the batch digests do not chain to the signed head of batch ${head.batchId} (chain position ${head.chainSeq})`);
  }
  const key = keyFor(head.keyId);
  const signed = { chainSeq: head.chainSeq, batchId: head.batchId, digest: prev, signedAt: new Date(head.signedAt) };
  if (key && !verifySignature(signedDigestPayload(signed), Buffer.from(head.signature, 'base64'), key)) {
    fail('signature', `the signature of the chain head at batch ${head.batchId} does not verify`);
  }
}

/** A link's digest from what the manifest and the file give; null (and a failure) when they do not fit. */
function linkDigestOf(
  link: ProofLink,
  prev: Buffer,
  rows: { eventId: string; hash: Buffer }[],
  fail: (c: ExportCheck, m: string) => void,
): Buffer | null {
  const id = BigInt(link.batchId);
  if (link.digestForm === 1) {
    const entries = link.entries ?? [];
    const byId = new Map(entries);
    for (const r of rows) {
      if (byId.get(r.eventId) !== r.hash.toString('hex')) return fail('row', `event ${r.eventId} is not as stored in batch ${link.batchId}`), null;
    }
    return chainDigest(prev, id, entries.map((e) => e[0]), Buffer.from(entries.map((e) => e[1]).join(''), 'hex'), 1);
  }
  if (!link.root) return fail('manifest', `batch ${link.batchId}: the manifest gives no Merkle root`), null;
  const given = Buffer.from(link.root, 'hex');
  if (!link.rows) return linkDigest(prev, id, link.count, given);
  const indexes = link.rows.runs.flatMap(([first, length]) => Array.from({ length }, (_, i) => first + i));
  if (indexes.length !== rows.length) {
    return fail('batch', `batch ${link.batchId}: the file holds ${rows.length} of its rows, the manifest ${indexes.length}`), null;
  }
  const order = manifestOrder(rows.map((r) => r.eventId));
  const selected = new Map(order.map((at, i) => [indexes[i], merkleLeaf(rows[at].eventId, rows[at].hash)]));
  const root = merkleRootFromFill(link.count, selected, link.rows.fill.map((h) => Buffer.from(h, 'hex')));
  if (!root) fail('batch', `batch ${link.batchId}: the proof does not fit the batch's ${link.count} events`);
  else if (!root.equals(given)) {
    fail('row', `batch ${link.batchId}: the file's rows of this batch are not the events stored in it (a row differs or does not belong)`);
  }
  // The chain is checked with the root the manifest gives, so a wrong row and a broken chain are told apart.
  return linkDigest(prev, id, link.count, given);
}
