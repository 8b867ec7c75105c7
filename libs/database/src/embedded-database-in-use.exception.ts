/** Another live process has the embedded database open: PGlite allows one process per data folder. */
export class EmbeddedDatabaseInUseException extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = 'EmbeddedDatabaseInUseException';
  }
}
