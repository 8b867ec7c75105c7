import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs `work` in one REPEATABLE READ, READ ONLY transaction: the rows it reads and the batches it proves are the
 * same rows, whatever is stored meanwhile (an evidence export, a citizen's access report). Without JIT: a statement
 * over a million rows is costed far above jit_above_cost, and compiling its expressions took 2 of its 8.7 seconds
 * (docs/benchmarks.md, evidence export) while saving less than that.
 */
export async function inReadSnapshot<T>(db: DataSource, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY; SET LOCAL jit = off');
    const result = await work(runner);
    await runner.commitTransaction();
    return result;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
