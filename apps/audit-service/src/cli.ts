import 'reflect-metadata';
import { Command } from 'commander';
import { AppConfig, ConfigurationError, loadConfig } from '@app/config';
import { describeConfigurationError, EXIT_CONFIGURATION } from './bootstrap/configuration-error.util';
import { registerImportCommand } from './cli/import.command';
import { registerIngestCommands } from './cli/ingest.commands';
import { registerMigrationCommands } from './cli/migration.commands';
import { registerAccountCommands } from './cli/account.commands';
import { registerRetentionCommand } from './cli/retention.command';
import { registerVerifyCommand } from './cli/verify.command';
import { registerVerifyExportCommand } from './cli/verify-export.command';
import { registerUserCommands } from './cli/user.commands';
import { registerDetectionCommands } from './cli/detection.commands';
import { registerScanCommand } from './cli/scan.command';
import { registerCitizenAccessCommand, registerReportCommand } from './cli/report.command';
import { registerTraceCommand } from './cli/trace.command';

/** `npm run cli -- <command>`: operations that run beside the service, with the same configuration. */
let cached: AppConfig | undefined;
const config = (): AppConfig => (cached ??= loadConfig());

const program = new Command('tthc-audit').description('TTHC Access Audit command line').showHelpAfterError();
registerMigrationCommands(program, config);
registerAccountCommands(program, config);
registerVerifyCommand(program, config);
registerVerifyExportCommand(program);
registerRetentionCommand(program, config);
registerUserCommands(program, config);
registerImportCommand(program, config);
registerIngestCommands(program, config);
registerDetectionCommands(program, config);
registerScanCommand(program, config);
registerReportCommand(program, config);
registerCitizenAccessCommand(program, config);
registerTraceCommand(program, config);

// Configuration is read by the first command that needs it, so every command's failure ends here: printed as the
// operator's message only (the stack is of this code, not of anything they can fix).
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(describeConfigurationError(error, 'The command did not run.'));
    process.exit(EXIT_CONFIGURATION);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
