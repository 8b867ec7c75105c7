import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigurationError, loadConfig } from '@app/config';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@app/database';
import { createApp } from './bootstrap/create-app';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Main');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\nThe service did not start. See README "Configuration".\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  let embedded: EmbeddedPostgres | undefined;
  if (!config.database.url) {
    embedded = await startEmbeddedPostgres(config.database.embedded);
    logger.log(`DATABASE_URL is not set: using the embedded PostgreSQL (PGlite) in ${config.database.embedded.dataDir}`);
  }
  const app = await createApp(config, config.database.url ?? embedded!.url);
  await app.listen(config.http.port, config.http.host);
  logger.log(`Listening on http://${config.http.host}:${config.http.port} (roles: ${[...config.roles].join(', ')})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: no new work is taken; finishing what is in flight`);
    const deadline = setTimeout(() => {
      logger.error(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    try {
      app.getHttpServer().closeIdleConnections?.();
      await app.close();
      await embedded?.stop();
      logger.log('Stopped cleanly');
      clearTimeout(deadline);
      process.exit(0);
    } catch (error) {
      logger.error(error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void bootstrap();
