import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions, EmbeddedPostgres, startEmbeddedPostgres } from '@app/database';

/** Opens the configured database (starting the embedded one if no server is set) for a CLI command. */
export async function withDatabase<T>(config: AppConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  let embedded: EmbeddedPostgres | undefined;
  if (!config.database.url) embedded = await startEmbeddedPostgres(config.database.embedded);
  const dataSource = await new DataSource(dataSourceOptions(config, config.database.url ?? embedded!.url)).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}
