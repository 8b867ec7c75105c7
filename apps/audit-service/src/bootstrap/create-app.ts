import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { AppModule } from '../app.module';
import { serveConsole } from './serve-console.util';
import { StartupLogger } from './startup-logger';
import { DomainExceptionFilter } from '../http/domain-exception.filter';
import { createValidationPipe } from '../http/validation.pipe';

/** Builds the HTTP application exactly as production runs it; main.ts and the e2e tests both use this. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
    bodyParser: false,
    // A module that fails to start reaches main.ts (which reports a configuration error as one), not Nest's exit(1).
    abortOnError: false,
    logger: new StartupLogger(),
  });
  return configureApp(app, config);
}

/** Everything createApp does to an application once it exists (tests that override providers call it too). */
export function configureApp(app: NestExpressApplication, config: AppConfig): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.enableCors({ origin: config.http.corsOrigins.length ? config.http.corsOrigins : false, credentials: true });
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('text', { limit: config.http.bodyLimit, type: ['application/x-ndjson', 'text/csv', 'text/plain'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  setUpOpenApi(app);
  serveConsole(app, config.http.consoleDir, config.auth.oidc?.issuer);
  return app;
}

function setUpOpenApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TTHC Access Audit API')
      .setDescription(
        'Audit of lookups in the national population database made through the TTHC system: ingest, search, accounts, alerts, reports.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
