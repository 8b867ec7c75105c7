import { QueryFailedError } from 'typeorm';

/** Errors of a database connection that went away, as the pg driver and Node's sockets report them. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGE = /connection (terminated|timeout|ended|refused)|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

/**
 * Whether an ingest failure came from storage (PostgreSQL answered with an error, or could not be reached):
 * those are retried with backoff, never skipped. Anything else is a defect of this service.
 */
export function isStorageError(error: unknown): boolean {
  if (error instanceof QueryFailedError) return true;
  const e = error as { code?: unknown; message?: unknown; severity?: unknown };
  if (typeof e?.code === 'string' && (/^[0-9A-Z]{5}$/.test(e.code) || CONNECTION_CODES.has(e.code))) return true;
  return typeof e?.message === 'string' && CONNECTION_MESSAGE.test(e.message);
}
