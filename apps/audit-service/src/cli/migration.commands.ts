import { Command } from 'commander';
import { AppConfig } from '@app/config';
import { pendingMigrations, runMigrations } from '@app/database';
import { withDatabase } from './database-session';

export function registerMigrationCommands(program: Command, config: () => AppConfig): void {
  program
    .command('migrations:run')
    .description('apply pending database migrations')
    .action(() =>
      withDatabase(config(), async (ds) => {
        const applied = await runMigrations(ds, { lock: Boolean(config().database.url) });
        console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'nothing to apply');
      }),
    );
  program
    .command('migrations:revert')
    .description('revert the last applied migration')
    .action(() =>
      withDatabase(config(), async (ds) => {
        await ds.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
      }),
    );
  program
    .command('migrations:show')
    .description('list migrations and whether each is applied')
    .action(() =>
      withDatabase(config(), async (ds) => {
        const pending = new Set(await pendingMigrations(ds));
        for (const { name } of ds.migrations) console.log(`${pending.has(name!) ? '[ ]' : '[x]'} ${name}`);
      }),
    );
}
