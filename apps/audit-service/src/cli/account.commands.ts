import { Command, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import {
  AccountCommandDelivery,
  AccountStatusCache,
  DirectoryFormat,
  DirectorySyncMode,
  DirectorySyncService,
  IdleLockService,
  MassChangeAssessment,
} from '@app/accounts';
import { AppConfig } from '@app/config';
import { withServiceContext } from './database-session';

const CLI_ACTOR = 'system:cli';
/** Exit code of a run the mass-change check blocked: nothing was changed, a confirmation is needed. */
const EXIT_BLOCKED = 3;

const dryRunOption = () => new Option('--dry-run', 'list what would happen; change nothing');
const confirmOption = () =>
  new Option('--confirm <token>', 'apply a plan the mass-change check blocked, if it is still the same');

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
    .addOption(dryRunOption())
    .addOption(confirmOption())
    .action(
      async (
        file: string,
        options: { mode: DirectorySyncMode; format?: DirectoryFormat; dryRun?: boolean; confirm?: string },
      ) => {
        if (!existsSync(file)) throw new Error(`${file}: no such file`);
        const format =
          options.format ?? (/\.csv$/i.test(file) ? 'csv' : /\.json$/i.test(file) ? 'json' : 'ndjson');
        const text = readFileSync(file, 'utf8');
        const result = await withServiceContext(config(), (app) =>
          app
            .get(DirectorySyncService)
            .sync(text, format, options.mode, CLI_ACTOR, {
              dryRun: options.dryRun,
              confirm: options.confirm,
            }),
        );
        const applied = result.outcome === 'applied';
        const would = applied ? '' : 'would be ';
        console.log(
          `${result.mode} sync${applied ? '' : ` (${result.outcome.replace('_', ' ')})`}: ${result.received} read, ` +
            `${result.created} ${would}created, ` +
            `${result.updated} ${would}updated, ${result.unchanged} unchanged, ` +
            `${result.removed.length || result.wouldRemove.length} ${would}removed, ` +
            `${result.locked.length || result.wouldLock.length} ${would}locked, ${result.rejected.length} rejected`,
        );
        for (const id of result.wouldRemove) console.log(`would remove ${id}`);
        for (const l of result.wouldLock) console.log(`would lock ${l.accountId} (${l.reason})`);
        for (const l of result.locked) console.log(`locked ${l.accountId} (${l.reason})`);
        for (const r of result.rejected) console.log(`line ${r.line}: ${r.message}`);
        if (result.rejected.length) process.exitCode = 2;
        reportMassChange(result.outcome, result.massChange);
      },
    );

  program
    .command('accounts:idle-lock')
    .description(
      'run the idle-lock job now: lock accounts idle for ACCOUNT_IDLE_MONTHS, send the warnings due today',
    )
    .addOption(dryRunOption())
    .addOption(confirmOption())
    .action(async (options: { dryRun?: boolean; confirm?: string }) => {
      const run = await withServiceContext(config(), (app) =>
        app.get(IdleLockService).run(CLI_ACTOR, { dryRun: options.dryRun, confirm: options.confirm }),
      );
      if (run.skipped) return console.log('skipped: the job is running on another replica');
      for (const c of run.wouldLock) {
        const since = c.idleSince ? new Date(c.idleSince).toISOString() : '-';
        console.log(`would lock ${c.accountId}: idle since ${since} (${c.idleBasis}), due ${c.lockDueOn}`);
      }
      if (run.outcome !== 'applied') return reportMassChange(run.outcome, run.massChange);
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

function reportMassChange(outcome: string, massChange: MassChangeAssessment | null): void {
  if (outcome === 'dry_run') console.log('dry run: nothing was changed');
  if (!massChange) return;
  console.log(
    `mass change: ${massChange.affected} of ${massChange.activeAccounts} active accounts (threshold ${massChange.threshold}); ` +
      `confirmation token ${massChange.confirmationToken}`,
  );
  if (outcome !== 'blocked') return;
  console.log(`blocked: ${massChange.howToConfirm}`);
  process.exitCode = EXIT_BLOCKED;
}
