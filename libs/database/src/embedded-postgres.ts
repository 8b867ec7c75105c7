import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { EmbeddedDatabaseInUseException } from './embedded-database-in-use.exception';

export interface EmbeddedPostgres {
  /** A postgres:// URL for the pg driver, on loopback. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL (PGlite, WASM) persisted under dataDir and served on a loopback port, so the service uses the
 * same pg driver, migrations and SQL as against a server. PGlite runs one session: callers use one connection.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const releaseLock = acquireLock(options.dataDir);
  try {
    const db = await PGlite.create({ dataDir: options.dataDir });
    const port = options.port || (await freeLoopbackPort());
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 4 });
    await server.start();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Two processes opening one PGlite directory would corrupt it: refuse the second with a clear message. */
function acquireLock(dataDir: string): () => void {
  const lockFile = join(dataDir, '..', 'pglite.lock');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new EmbeddedDatabaseInUseException(dataDir, holder);
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port on loopback that was free a moment ago. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
