import { batchDigest, eventHash, rowToStoredEvent } from '@app/audit-trail';
import { sql } from './ingest.fixture';

/**
 * Recomputes the hash chain from the database: every batch links to the previous digest, its digest covers its
 * manifest, and every stored row hashes to its manifest entry. Returns the problems found (none: valid).
 */
export async function chainProblems(url: string): Promise<string[]> {
  const problems: string[] = [];
  const batches = await sql<{ id: string; prev_digest: Buffer; digest: Buffer; event_ids: string[]; event_hashes: Buffer }>(
    url,
    'SELECT id::text, prev_digest, digest, event_ids, event_hashes FROM audit_batch ORDER BY chain_seq',
  );
  const rows = await sql(url, 'SELECT * FROM query_event');
  const byBatch = new Map<string, Map<string, Buffer>>();
  for (const row of rows) {
    const batch = String(row.batch_id);
    if (!byBatch.has(batch)) byBatch.set(batch, new Map());
    byBatch.get(batch)!.set(row.event_id as string, eventHash(rowToStoredEvent(row)));
  }
  let prev: Buffer = Buffer.alloc(32, 0);
  for (const b of batches) {
    if (!b.prev_digest.equals(prev)) problems.push(`batch ${b.id}: does not link to the previous digest`);
    const manifest = b.event_ids.map((eventId, i) => ({ eventId, hash: b.event_hashes.subarray(i * 32, i * 32 + 32) }));
    if (!batchDigest(prev, BigInt(b.id), manifest).equals(b.digest)) problems.push(`batch ${b.id}: digest does not match`);
    const stored = byBatch.get(b.id) ?? new Map<string, Buffer>();
    for (const m of manifest) if (!stored.get(m.eventId)?.equals(m.hash)) problems.push(`batch ${b.id}: event ${m.eventId} changed or missing`);
    if (stored.size !== manifest.length) problems.push(`batch ${b.id}: ${stored.size} rows for ${manifest.length} manifest entries`);
    prev = b.digest;
  }
  return problems;
}
