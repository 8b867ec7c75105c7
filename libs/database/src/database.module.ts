import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './migrator';

/** Resolved once pending migrations are applied; providers that touch the schema at start-up may inject it. */
export const DATABASE_MIGRATED = Symbol('DATABASE_MIGRATED');

@Module({})
export class DatabaseModule {
  /** url: where the database answers (the configured server, or the embedded PGlite that main.ts started). */
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config, url), autoLoadEntities: true }),
          dataSourceFactory: async (options) => new DataSource(options!).initialize(),
        }),
      ],
      providers: [
        {
          // Nest builds every provider before any init hook runs, so this precedes all use of the schema.
          provide: DATABASE_MIGRATED,
          inject: [APP_CONFIG, DataSource],
          useFactory: async (config: AppConfig, dataSource: DataSource) => {
            if (config.database.migrateOnStart) await runMigrations(dataSource, { lock: Boolean(config.database.url) });
            return true;
          },
        },
      ],
      exports: [DATABASE_MIGRATED],
    };
  }
}
