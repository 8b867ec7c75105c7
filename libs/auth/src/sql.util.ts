import type { DataSource } from 'typeorm';

/** TypeORM answers UPDATE/DELETE … RETURNING with [rows, affected count]: this gives the rows. */
export async function updateReturning<T>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const result = await db.query(sql, params);
  return Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
    ? result[0]
    : result;
}
