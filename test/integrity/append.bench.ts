/**
 * How fast AuditStore.appendBatch stores batches on the PostgreSQL server (no Kafka, no validation): the store's
 * share of the ingest budget. Events are generated before the clock starts. Run:
 *   TEST_ADMIN_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres SWC_NODE_PROJECT=tsconfig.json \
 *   node -r @swc-node/register test/integrity/append.bench.ts [events=300000] [batchSize=5000] [inFlight=1]
 */
import { StoredEventRecord } from '@app/audit-trail';
import { createMigratedDatabase } from '../utils/test-database';
import { bootAuditStore, someStoredEvents } from './audit-store.fixture';

async function main(): Promise<void> {
  const [total, batchSize, inFlight] = [300_000, 5_000, 1].map((d, i) => Number(process.argv[2 + i] ?? d));
  const db = await createMigratedDatabase();
  const ctx = await bootAuditStore(db.url);
  try {
    await ctx.sut.appendBatch(someStoredEvents(batchSize), { source: 'kafka' }); // warm-up, partitions
    const batches: StoredEventRecord[][] = [];
    for (let n = 0; n < total; n += batchSize) batches.push(someStoredEvents(batchSize));
    const started = performance.now();
    let stored = 0;
    const worker = async (): Promise<void> => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        const result = await ctx.sut.appendBatch(batch, { source: 'kafka' });
        stored += result.stored;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = (performance.now() - started) / 1000;
    console.log(`appendBatch: ${stored} events in batches of ${batchSize}, ${inFlight} in flight`);
    console.log(`  ${Math.round(stored / seconds)} events/s, ${((seconds * 1000 * inFlight) / (stored / batchSize)).toFixed(1)} ms per batch`);
  } finally {
    await ctx.close();
    await db.drop();
  }
}

void main();
