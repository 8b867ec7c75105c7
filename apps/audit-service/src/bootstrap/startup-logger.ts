import { ConsoleLogger, LogLevel } from '@nestjs/common';

/**
 * Nest's logger for the moments before the service's own (pino) logger takes over, without Nest's report of a
 * module that failed to start: the caller prints that error once, as the operator's message without a stack
 * trace (main.ts for the service, the command's handler for the CLI).
 */
export class StartupLogger extends ConsoleLogger {
  constructor(logLevels?: LogLevel[]) {
    super(logLevels ? { logLevels } : {});
  }

  override error(message: unknown, ...rest: unknown[]): void {
    if (rest.at(-1) === 'ExceptionHandler') return;
    super.error(message, ...rest);
  }
}
