import type { DataSource } from 'typeorm';

/**
 * Runs fn while holding a session-level PostgreSQL advisory lock, on one replica at a time: null, without running
 * it, when another session holds the lock (a job two replicas scheduled at once runs once).
 */
export async function withTryAdvisoryLock<T>(dataSource: DataSource, key: number, fn: () => Promise<T>): Promise<T | null> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key]);
    if (!locked) return null;
    try {
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
