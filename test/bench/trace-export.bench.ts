/**
 * npm run bench:trace-export [-- --events 1000000] [--keep] [--database tthc_bench_xxxxxxxx]
 *
 * Evidence export rate: a store of N events is loaded through the real write path (AuditStore.appendBatch: COPY,
 * chain links, batches of 5,000, two in flight), then the whole store, and a fifth of it, is exported as CSV and as
 * XLSX by EvidenceExportService into a sink that only counts bytes (the file's own cost, not a disk's). Prints
 * rows/s, the manifest's size, and the process's peak RSS during each export (flat memory: the same for a fifth of
 * the rows as for all of them). Uses DATABASE_URL when set, else the local PostgreSQL (a throwaway database).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { AuditStore, StoredEventRecord } from '@app/audit-trail';
import { loadConfig } from '@app/config';
import { EvidenceExportService, ExportFormat } from '@app/trace';
import { AppModule } from '../../apps/audit-service/src/app.module';
import { aStoredEvent } from '../integrity/audit-store.fixture';
import { benchDatabase, machineDescription, serverSettings } from './bench-environment.util';

const START = Date.parse('2026-10-01T00:00:00Z');
const SPAN_MS = 30 * 24 * 3600 * 1000;
const BATCH = 5000;
const log = (m: string): void => console.log(`[bench] ${m}`);
const fmt = (n: number): string => Math.round(n).toLocaleString('en');
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function event(i: number, total: number): StoredEventRecord {
  return aStoredEvent({
    occurredAt: new Date(START + Math.floor((i / total) * SPAN_MS)),
    accountId: `cb.tuphap.user${i % 500}`,
    unitCode: `000.00.${10 + (i % 40)}.H52`,
    dossierCode: `000.00.${10 + (i % 40)}.H52-261001-${String(i % 10000).padStart(4, '0')}`,
  });
}

async function load(app: INestApplicationContext, total: number): Promise<void> {
  const store = app.get(AuditStore);
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const from = next;
      next = Math.min(total, next + BATCH);
      await store.appendBatch(Array.from({ length: next - from }, (_, k) => event(from + k, total)), { source: 'file' });
    }
  };
  await Promise.all([worker(), worker()]);
  const s = (performance.now() - started) / 1000;
  log(`loaded ${fmt(total)} events through AuditStore.appendBatch in ${s.toFixed(0)} s (${fmt(total / s)} events/s)`);
}

/** A sink that counts bytes, answering at once (no disk, no network: the export's own cost). */
function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      sink.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

async function measure(app: INestApplicationContext, format: ExportFormat, to: Date): Promise<void> {
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const started = performance.now();
  const sink = countingSink();
  const outcome = await app
    .get(EvidenceExportService)
    .start({ case: { caseReference: 'BENCH-1', purpose: 'benchmark' }, criteria: { from: new Date(START), to }, format }, { actor: { kind: 'system', name: 'bench' } })
    .write(sink);
  const s = (performance.now() - started) / 1000;
  clearInterval(sampler);
  log(
    `${format.toUpperCase()} ${fmt(outcome.file.rows)} rows in ${s.toFixed(1)} s = ${fmt(outcome.file.rows / s)} rows/s; file ${mib(sink.bytes)}, ` +
      `manifest ${(outcome.manifestText.length / 1024).toFixed(0)} KiB (${outcome.manifest.chain.segments.reduce((n, g) => n + g.links.length, 0)} links); ` +
      `RSS before ${mib(rssBefore)}, peak ${mib(peak)} (+${mib(peak - rssBefore)})`,
  );
  console.log(`RESULT format=${format} rows=${outcome.file.rows} rows_per_s=${Math.round(outcome.file.rows / s)} peak_rss_growth_mib=${((peak - rssBefore) / 2 ** 20).toFixed(0)}`);
}

async function main(o: { events: number; keep?: boolean; database?: string }): Promise<void> {
  for (const line of machineDescription()) log(line);
  const db = await benchDatabase(o.database);
  const work = mkdtempSync(join(tmpdir(), 'tthc-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: db.url,
    DATABASE_MIGRATE_ON_START: 'false',
    SUBJECT_HASH_KEY: 'bench-subject-hash-key-0123456789abcdef',
    SUBJECT_HASH_KEY_ID: 'k1',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    DETECTION_STREAMING: 'false',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, roles: new Set() }, db.url), { logger: ['error', 'warn'] });
  try {
    log(`PostgreSQL ${db.serverVersion}, database ${db.name}; ${JSON.stringify(await serverSettings(db.url))}`);
    if (!o.database) {
      await load(app, o.events);
      // As autovacuum would before long: the planner's statistics of the new rows (without them it plans for a few
      // thousand rows and reads a million through an index).
      await app.get(DataSource).query('VACUUM ANALYZE query_event');
    }
    const end = new Date(START + SPAN_MS + 1);
    const fifth = new Date(START + SPAN_MS / 5);
    for (const format of (process.env.BENCH_FORMATS?.split(',') ?? ['csv', 'xlsx']) as ExportFormat[]) {
      await measure(app, format, fifth);
      await measure(app, format, end);
    }
    console.log('target: > 100,000 rows/s');
  } finally {
    await app.close();
    if (o.keep || o.database) log(`kept database ${db.name}`);
    else await db.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

const int = (v: string): number => {
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a whole number: ${v}`);
  return n;
};

new Command('bench:trace-export')
  .option('--events <n>', 'events loaded into the store', int, 1_000_000)
  .option('--keep', 'keep the database')
  .option('--database <name>', 'measure on a database an earlier run kept (--keep)')
  .action((o) => main(o))
  .parseAsync()
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
