import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigurationError, loadConfig } from '@app/config';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@app/database';
import { describeConfigurationError, EXIT_CONFIGURATION } from './bootstrap/configuration-error.util';
import { createApp } from './bootstrap/create-app';

/** A signal during start-up waits this long for the start to finish before shutting down. */
const STARTUP_ALLOWANCE_MS = 120_000;

async function bootstrap(): Promise<void> {
  const logger = new Logger('Main');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(describeConfigurationError(error, 'The service did not start.'));
      process.exit(EXIT_CONFIGURATION);
    }
    throw error;
  }

  // Signals are handled from the start: the ingest role may already be storing batches while the app is still
  // starting (a second consumer joining the group), and a SIGTERM then must still finish them and commit.
  let stopping = false;
  let embedded: EmbeddedPostgres | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const starting = (async () => {
    if (!config.database.url) {
      embedded = await startEmbeddedPostgres(config.database.embedded);
      logger.log(`DATABASE_URL is not set: using the embedded PostgreSQL (PGlite) in ${config.database.embedded.dataDir}`);
    }
    app = await createApp(config, config.database.url ?? embedded!.url);
    if (stopping) return;
    await app.listen(config.http.port, config.http.host);
    logger.log(`Listening on http://${config.http.host}:${config.http.port} (roles: ${[...config.roles].join(', ')})`);
  })();

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: no new work is taken; finishing what is in flight`);
    const exitAfter = (ms: number, what: string) =>
      setTimeout(() => {
        logger.error(`${what} took longer than ${ms} ms; exiting`);
        process.exit(1);
      }, ms);
    // The shutdown timeout counts from the end of the start (migrations, joining the consumer group), which has
    // its own allowance.
    const startDeadline = exitAfter(STARTUP_ALLOWANCE_MS, 'Start before shutdown');
    let deadline: NodeJS.Timeout | undefined;
    try {
      await starting.finally(() => clearTimeout(startDeadline));
      deadline = exitAfter(config.shutdownTimeoutMs, 'Shutdown');
      app?.getHttpServer().closeIdleConnections?.();
      await app?.close();
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
  try {
    await starting;
  } catch (error) {
    if (stopping) return; // shutdown() reports it
    // A setting only a module checks (e.g. SUBJECT_HASH_KEY on a server) stops the start like any other.
    if (error instanceof ConfigurationError) {
      process.stderr.write(describeConfigurationError(error, 'The service did not start.'));
      await embedded?.stop().catch(() => undefined);
      process.exit(EXIT_CONFIGURATION);
    }
    throw error;
  }
}

void bootstrap();
