import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditStore, AuditTrailModule, batchDigest, eventHash, rowToStoredEvent, StoredEventRecord } from '@app/audit-trail';
import { Clock, FixedClock } from '@app/common';
import { ConfigModule, loadConfig } from '@app/config';
import { ObservabilityModule } from '@app/observability';

export interface StoreContext {
  app: INestApplicationContext;
  sut: AuditStore;
  dataSource: DataSource;
  clock: FixedClock;
  close(): Promise<void>;
}

/** The audit-trail module as the service wires it, on the given (migrated) database: one "replica". */
export async function bootAuditStore(
  url: string,
  options: { now?: string; embedded?: boolean; env?: Record<string, string> } = {},
): Promise<StoreContext> {
  // embedded: configured as on the embedded database (no DATABASE_URL), where rows go in by INSERT, not COPY.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...(options.embedded ? {} : { DATABASE_URL: url }),
    ...options.env,
  });
  const clock = new FixedClock(new Date(options.now ?? '2026-11-20T03:00:00Z'));
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      ObservabilityModule.forRoot(config),
      TypeOrmModule.forRoot({ type: 'postgres', url, poolSize: 4 }),
      AuditTrailModule,
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = await moduleRef.init();
  return {
    app,
    sut: app.get(AuditStore),
    dataSource: app.get(DataSource),
    clock,
    close: () => app.close(),
  };
}

let counter = 0;

/** A realistic stored event (already pseudonymised); override any field. */
export function aStoredEvent(overrides: Partial<StoredEventRecord> = {}): StoredEventRecord {
  counter++;
  return {
    eventId: `igate-${randomUUID()}`,
    occurredAt: new Date(Date.UTC(2026, 10, 20, 1, 0, 0, counter % 1000) + counter * 1000),
    accountId: `cb.tuphap.user${counter % 50}`,
    unitCode: '000.00.10.H52',
    clientIp: `10.52.11.${counter % 250}`,
    sourceSystem: 'igate',
    action: 'lookup',
    subjectHash: randomBytes(32).toString('hex'),
    subjectKeyId: 'k1',
    subjectEnc: null,
    subjectCount: null,
    fields: ['fullName', 'dateOfBirth', 'personalId'],
    dossierCode: '000001052-261120-0042',
    procedureCode: '1.001612',
    result: 'success',
    userAgent: 'Mozilla/5.0',
    extra: null,
    flags: [],
    ...overrides,
  };
}

export function someStoredEvents(n: number, overrides: Partial<StoredEventRecord> = {}): StoredEventRecord[] {
  return Array.from({ length: n }, () => aStoredEvent(overrides));
}

/**
 * Runs SQL as a superuser with triggers off (session_replication_role = replica): what an intruder with database
 * access could do behind the service's back.
 */
export async function tamper(url: string, sql: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/**
 * The thorough intruder: changes one stored event, then recomputes its manifest entry, its batch's digest and every
 * later link and the head, so that the chain alone is consistent again. Only a signed digest can tell.
 */
export async function rewriteChainAfterAltering(url: string, eventId: string, sqlSet: string): Promise<void> {
  await tamper(url, `UPDATE query_event SET ${sqlSet} WHERE event_id = $1`, [eventId]);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    const { rows } = await client.query(
      `SELECT id::text AS id, chain_seq, prev_digest, event_ids, event_hashes FROM audit_batch ORDER BY chain_seq`,
    );
    let prev: Buffer | null = null; // set from the altered batch on: the rewritten previous digest
    for (const b of rows) {
      const manifest = manifestEntries(b.event_ids, b.event_hashes);
      const i = b.event_ids.indexOf(eventId);
      if (i < 0 && prev === null) continue;
      if (i >= 0) {
        const [row] = (await client.query(`SELECT * FROM query_event WHERE event_id = $1`, [eventId])).rows;
        manifest[i].hash = eventHash(rowToStoredEvent(row));
      }
      const prevDigest: Buffer = prev ?? b.prev_digest;
      prev = batchDigest(prevDigest, BigInt(b.id), manifest);
      await client.query(`UPDATE audit_batch SET prev_digest = $1, digest = $2, event_hashes = $3 WHERE id = $4`, [
        prevDigest,
        prev,
        Buffer.concat(manifest.map((e) => e.hash)),
        b.id,
      ]);
      await client.query(`UPDATE audit_chain_head SET digest = $1 WHERE batch_id = $2`, [prev, b.id]);
    }
  } finally {
    await client.end();
  }
}

/**
 * Makes the first `count` batches look as a store written before canonical form 2 left them: event hashes in
 * form 1, canonical_form = 1, digests and every later link recomputed.
 */
export async function rewriteAsForm1(url: string, count: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    const { rows } = await client.query(
      `SELECT id::text AS id, prev_digest, event_ids, event_hashes FROM audit_batch ORDER BY chain_seq`,
    );
    let prev: Buffer | null = null;
    for (const [n, b] of rows.entries()) {
      const manifest = manifestEntries(b.event_ids, b.event_hashes);
      if (n < count) {
        const stored = (await client.query(`SELECT * FROM query_event WHERE batch_id = $1`, [b.id])).rows;
        const byId = new Map(stored.map((row) => [row.event_id as string, eventHash(rowToStoredEvent(row), 1)]));
        for (const entry of manifest) entry.hash = byId.get(entry.eventId)!;
      }
      const prevDigest: Buffer = prev ?? b.prev_digest;
      prev = batchDigest(prevDigest, BigInt(b.id), manifest);
      await client.query(
        `UPDATE audit_batch SET prev_digest = $1, digest = $2, event_hashes = $3, canonical_form = $4 WHERE id = $5`,
        [prevDigest, prev, Buffer.concat(manifest.map((e) => e.hash)), n < count ? 1 : 2, b.id],
      );
      await client.query(`UPDATE audit_chain_head SET digest = $1 WHERE batch_id = $2`, [prev, b.id]);
    }
  } finally {
    await client.end();
  }
}

function manifestEntries(ids: string[], hashes: Buffer): { eventId: string; hash: Buffer }[] {
  return ids.map((eventId, i) => ({ eventId, hash: hashes.subarray(i * 32, i * 32 + 32) }));
}
