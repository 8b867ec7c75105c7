import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export interface CopyBaseline {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  bytes: number;
}

/** The columns the store writes (all of query_event but received_at, which takes its default). */
async function storeColumns(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_name = 'query_event' AND column_name <> 'received_at' ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}

/**
 * The physical limit: the very rows the service stored (read back with COPY TO, outside the timing), COPYed in one
 * statement into a plain table with the same columns and no index, no partitioning, no trigger.
 * Only this run's rows (batches after `afterBatch`; preloaded rows are batch 0), so the baseline covers the same rows as
 * the end-to-end run; `since` (the measured stream's start) keeps the read to the partitions it went into, whatever
 * the size of the store.
 */
export async function copyBaseline(
  url: string,
  file: string,
  run: { afterBatch: string; since: Date },
): Promise<CopyBaseline> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const columns = (await storeColumns(client)).join(', ');
    await pipeline(
      client.query(
        copyTo(
          `COPY (SELECT ${columns} FROM query_event WHERE batch_id > ${run.afterBatch} AND occurred_at >= '${run.since.toISOString()}') TO STDOUT`,
        ),
      ),
      createWriteStream(file),
    );
    await client.query(`CREATE TABLE bench_copy_plain (LIKE query_event INCLUDING DEFAULTS)`);
    await client.query('CHECKPOINT');
    const started = performance.now();
    const copy = client.query(copyFrom(`COPY bench_copy_plain (${columns}) FROM STDIN`));
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), copy);
    const seconds = (performance.now() - started) / 1000;
    const rows = Number(copy.rowCount);
    const bytes = Number(
      (await client.query(`SELECT pg_total_relation_size('bench_copy_plain') AS b`)).rows[0].b,
    );
    await client.query('DROP TABLE bench_copy_plain');
    return { rows, seconds, rowsPerSecond: rows / seconds, bytes };
  } finally {
    await client.end();
    rmSync(file, { force: true });
  }
}
