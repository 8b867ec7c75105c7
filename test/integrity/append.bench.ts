/**
 * How fast AuditStore.appendBatch stores batches on the PostgreSQL server (no Kafka, no validation): the store's
 * share of the ingest budget. Events are generated before the clock starts. Run:
 *   TEST_ADMIN_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres SWC_NODE_PROJECT=tsconfig.json \
 *   node -r @swc-node/register test/integrity/append.bench.ts [events=300000] [batchSize=5000] [inFlight=1]
 * Then verifies the whole chain and prints its rate.
 */
import { ChainVerifier, StoredEventRecord } from '@app/audit-trail';
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
    batches.length = 0;
    const rssBefore = process.memoryUsage().rss;
    const verifyStarted = performance.now();
    const report = await ctx.app.get(ChainVerifier).verify();
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!report.ok) console.log(JSON.stringify({ ...report.firstBrokenBatch, changed: report.firstBrokenBatch?.changed.length, removed: report.firstBrokenBatch?.removed.length, added: report.firstBrokenBatch?.added.length }));
    console.log(`verify: ok=${report.ok}, ${report.eventsChecked} events in ${report.batchesChecked} batches, ` +
      `${Math.round(report.eventsChecked / verifySeconds)} events/s, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB (before ${Math.round(rssBefore / 2 ** 20)} MB)`);
  } finally {
    await ctx.close();
    await db.drop();
  }
}

void main();
