import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Linux clock ticks per second (USER_HZ), 100 on every mainstream kernel. */
const TICKS = 100;

/** CPU time (user + system) a process has used so far, in seconds; 0 when it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the PostgreSQL backends connected to one database (same machine only). */
export async function databaseBackendsCpuSeconds(url: string, database: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return rows.reduce((sum, r) => sum + processCpuSeconds(r.pid), 0);
  } finally {
    await c.end();
  }
}

/** Busy and total CPU time of the whole machine so far (all cores), in seconds. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = ticks[3] + ticks[4];
  return { busy: (total - idle) / TICKS, total: total / TICKS };
}

export interface WalMark {
  /** Bytes of WAL written by the whole server so far. */
  walBytes: number;
  /** Checkpoints forced by WAL volume (max_wal_size) and started by checkpoint_timeout. */
  checkpointsRequested: number;
  checkpointsTimed: number;
}

/** Server-wide WAL position and checkpoint counters (other databases on the server count too). */
export async function walMark(url: string): Promise<WalMark> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal, checkpoints_req, checkpoints_timed FROM pg_stat_bgwriter`,
    );
    return {
      walBytes: Number(rows[0].wal),
      checkpointsRequested: Number(rows[0].checkpoints_req),
      checkpointsTimed: Number(rows[0].checkpoints_timed),
    };
  } finally {
    await c.end();
  }
}
