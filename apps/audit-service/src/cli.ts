import 'reflect-metadata';
import { Command } from 'commander';
import { AppConfig, ConfigurationError, loadConfig } from '@app/config';
import { registerImportCommand } from './cli/import.command';
import { registerMigrationCommands } from './cli/migration.commands';
import { registerAccountCommands } from './cli/account.commands';
import { registerRetentionCommand } from './cli/retention.command';
import { registerVerifyCommand } from './cli/verify.command';
import { registerUserCommands } from './cli/user.commands';

/** `npm run cli -- <command>`: operations that run beside the service, with the same configuration. */
let cached: AppConfig | undefined;
const config = (): AppConfig => (cached ??= loadConfig());

const program = new Command('tthc-audit').description('TTHC Access Audit command line').showHelpAfterError();
registerMigrationCommands(program, config);
registerAccountCommands(program, config);
registerVerifyCommand(program, config);
registerRetentionCommand(program, config);
registerUserCommands(program, config);
registerImportCommand(program, config);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
