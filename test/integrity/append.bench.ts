/**
 * How fast AuditStore.appendBatch stores batches on the PostgreSQL server (no Kafka, no validation): the store's
 * share of the ingest budget. Events are generated before the clock starts. Run:
 *   TEST_ADMIN_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres SWC_NODE_PROJECT=tsconfig.json \
 *   node -r @swc-node/register test/integrity/append.bench.ts [events=300000] [batchSize=5000] [inFlight=1]
 * Besides wall-clock rates it prints CPU time per event of this process and of its PostgreSQL backends (from
 * /proc: the server must be local), which a busy shared machine distorts far less. Then verifies the whole chain.
 */
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ChainVerifier, StoredEventRecord } from '@app/audit-trail';
import { createMigratedDatabase } from '../utils/test-database';
import { bootAuditStore, someStoredEvents } from './audit-store.fixture';

/** CPU seconds (user + system) used so far by the server backends of this database. */
async function backendCpuSeconds(dataSource: DataSource): Promise<number> {
  const pids: { pid: number }[] = await dataSource.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      /* not local, or gone */
    }
  }
  return ticks / 100; // USER_HZ
}

const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function main(): Promise<void> {
  const [total, batchSize, inFlight] = [300_000, 5_000, 1].map((d, i) => Number(process.argv[2 + i] ?? d));
  const db = await createMigratedDatabase();
  const ctx = await bootAuditStore(db.url);
  try {
    await ctx.sut.appendBatch(someStoredEvents(batchSize), { source: 'kafka' }); // warm-up, partitions, pool
    const batches: StoredEventRecord[][] = [];
    for (let n = 0; n < total; n += batchSize) batches.push(someStoredEvents(batchSize));
    const [started, nodeCpu0, pgCpu0] = [performance.now(), cpuSeconds(), await backendCpuSeconds(ctx.dataSource)];
    let stored = 0;
    const worker = async (): Promise<void> => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        const result = await ctx.sut.appendBatch(batch, { source: 'kafka' });
        stored += result.stored;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = (performance.now() - started) / 1000;
    const nodeUs = ((cpuSeconds() - nodeCpu0) * 1e6) / stored;
    const pgUs = (((await backendCpuSeconds(ctx.dataSource)) - pgCpu0) * 1e6) / stored;
    console.log(`appendBatch: ${stored} events in batches of ${batchSize}, ${inFlight} in flight`);
    console.log(`  ${Math.round(stored / seconds)} events/s, ${((seconds * 1000 * inFlight) / (stored / batchSize)).toFixed(1)} ms per batch`);
    console.log(`  CPU per event: service ${nodeUs.toFixed(1)} µs, PostgreSQL backends ${pgUs.toFixed(1)} µs`);
    await verify(ctx.app.get(ChainVerifier));
  } finally {
    await ctx.close();
    await db.drop();
  }
}

async function verify(verifier: ChainVerifier): Promise<void> {
  const started = performance.now();
  const report = await verifier.verify();
  const seconds = (performance.now() - started) / 1000;
  if (!report.ok) console.log(JSON.stringify(report.firstBrokenBatch?.reason ?? report.signatureFailures));
  console.log(
    `verify: ok=${report.ok}, ${report.eventsChecked} events in ${report.batchesChecked} batches, ` +
      `${Math.round(report.eventsChecked / seconds)} events/s, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
  );
}

void main();
