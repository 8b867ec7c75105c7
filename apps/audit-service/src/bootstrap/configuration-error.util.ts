import { ConfigurationError } from '@app/config';

/** EX_CONFIG of sysexits.h: init systems and scripts read it as "fix the configuration", not "try again". */
export const EXIT_CONFIGURATION = 78;

/**
 * What the service and the command line print for a bad configuration: each variable and its problem, and no
 * stack trace (the trace is of the code that read the configuration, not of anything the operator can fix).
 */
export function describeConfigurationError(error: ConfigurationError, outcome: string): string {
  return `${error.message}\n${outcome} See README "Configuration".\n`;
}
