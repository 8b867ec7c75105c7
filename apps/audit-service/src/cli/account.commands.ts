import { Command, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import {
  AccountCommandDelivery,
  AccountStatusCache,
  DirectoryFormat,
  DirectorySyncMode,
  DirectorySyncService,
  IdleLockService,
} from '@app/accounts';
import { AppConfig } from '@app/config';
import { withServiceContext } from './database-session';

const CLI_ACTOR = 'system:cli';

/** `accounts:*`: the directory sync, the idle-lock job and command delivery, run by hand beside the service. */
export function registerAccountCommands(program: Command, config: () => AppConfig): void {
  program
    .command('accounts:sync')
    .description(
      'sync the TTHC account directory from a file (account-directory.v1: CSV, NDJSON or a JSON array)',
    )
    .argument('<file>', 'the export; CSV with the contract column names on the first line')
    .addOption(
      new Option('--mode <mode>', 'full: accounts absent from the file are marked removed and locked')
        .choices(['full', 'delta'])
        .default('delta'),
    )
    .addOption(
      new Option('--format <format>', 'default: from the file extension').choices(['csv', 'ndjson', 'json']),
    )
    .action(async (file: string, options: { mode: DirectorySyncMode; format?: DirectoryFormat }) => {
      if (!existsSync(file)) throw new Error(`${file}: no such file`);
      const format =
        options.format ?? (/\.csv$/i.test(file) ? 'csv' : /\.json$/i.test(file) ? 'json' : 'ndjson');
      const text = readFileSync(file, 'utf8');
      const result = await withServiceContext(config(), (app) =>
        app.get(DirectorySyncService).sync(text, format, options.mode, CLI_ACTOR),
      );
      console.log(
        `${result.mode} sync: ${result.received} read, ${result.created} created, ${result.updated} updated, ` +
          `${result.unchanged} unchanged, ${result.removed.length} removed, ${result.locked.length} locked, ${result.rejected.length} rejected`,
      );
      for (const l of result.locked) console.log(`locked ${l.accountId} (${l.reason})`);
      for (const r of result.rejected) console.log(`line ${r.line}: ${r.message}`);
      if (result.rejected.length) process.exitCode = 2;
    });

  program
    .command('accounts:idle-lock')
    .description(
      'run the idle-lock job now: lock accounts idle for ACCOUNT_IDLE_MONTHS, send the warnings due today',
    )
    .action(async () => {
      const run = await withServiceContext(config(), (app) => app.get(IdleLockService).run(CLI_ACTOR));
      if (run.skipped) return console.log('skipped: the job is running on another replica');
      console.log(`locked ${run.locked.length}: ${run.locked.join(', ') || '-'}`);
      console.log(
        `warnings: ${run.warnings.claimed} due, ${run.warnings.sent} sent, ${run.warnings.logged} logged, ${run.warnings.failed} failed`,
      );
    });

  program
    .command('accounts:deliver-commands')
    .description('deliver pending lock/unlock commands to the TTHC system now (Kafka topic and/or webhook)')
    .action(async () => {
      const report = await withServiceContext(config(), (app) =>
        app.get(AccountCommandDelivery).deliverDue(),
      );
      console.log(`delivered ${report.delivered}, retrying ${report.retrying}, failed ${report.failed}`);
    });

  program
    .command('accounts:status')
    .description('whether an account may be used, as the gateway is told')
    .argument('<accountId>')
    .action(async (accountId: string) => {
      const status = await withServiceContext(config(), async (app) =>
        app.get(AccountStatusCache).get(accountId),
      );
      console.log(JSON.stringify(status, null, 2));
    });
}
