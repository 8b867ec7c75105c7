import { ConsoleLogger, LogLevel } from '@nestjs/common';

/**
 * Nest's logger for the moments before the service's own (pino) logger takes over, without Nest's report of a
 * module that failed to start: the caller prints that error once, as the operator's message without a stack
 * trace (main.ts for the service, the command's handler for the CLI). For the CLI (toStderr), everything goes to
 * stderr, so that stdout holds the command's output alone and can be piped or parsed.
 */
export class StartupLogger extends ConsoleLogger {
  constructor(
    logLevels?: LogLevel[],
    private readonly toStderr = false,
  ) {
    super(logLevels ? { logLevels } : {});
  }

  override error(message: unknown, ...rest: unknown[]): void {
    if (rest.at(-1) === 'ExceptionHandler') return;
    super.error(message, ...rest);
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, this.toStderr ? 'stderr' : writeStreamType, errorStack);
  }
}
