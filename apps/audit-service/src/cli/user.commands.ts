import { Command } from 'commander';
import { Role, userServiceFor } from '@app/auth';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { withMigratedDatabase } from './database-session';

const CLI_ACTOR = { kind: 'system', name: 'cli' } as const;

function describe(error: unknown): never {
  if (error instanceof DomainException) {
    const details = error.details.map((d) => `\n  ${d.field ?? ''}: ${d.message}`).join('');
    throw new Error(`${error.message}${details}`);
  }
  throw error;
}

/** First admin (no default password exists) and the admin's way back in when every admin is locked out. */
export function registerUserCommands(program: Command, config: () => AppConfig): void {
  program
    .command('users:create-admin')
    .description('create an admin with a one-time password (printed once; to be changed at first sign-in)')
    .requiredOption('--username <username>', 'sign-in name: 2-64 lower-case letters, digits, . _ @ -')
    .requiredOption('--email <email>', 'email address')
    .option('--display-name <name>', 'name shown in the console (default: the username)')
    .action((options: { username: string; email: string; displayName?: string }) =>
      withMigratedDatabase(config(), async (ds) => {
        const { user, oneTimePassword } = await userServiceFor(ds, config())
          .create(
            {
              username: options.username,
              email: options.email,
              displayName: options.displayName ?? options.username,
              roles: [Role.ADMIN],
            },
            CLI_ACTOR,
          )
          .catch(describe);
        console.log(
          `created admin "${user.username}"\none-time password: ${oneTimePassword}\nIt must be changed at the first sign-in.`,
        );
      }),
    );
  program
    .command('users:reset-password')
    .description("give a user a new one-time password (printed once) and end the user's sessions")
    .requiredOption('--username <username>', 'the user')
    .action((options: { username: string }) =>
      withMigratedDatabase(config(), async (ds) => {
        const users = userServiceFor(ds, config());
        const user = await users.getByUsername(options.username).catch(describe);
        const password = await users.resetPassword(user.id, CLI_ACTOR);
        console.log(
          `one-time password of "${user.username}": ${password}\nIt must be changed at the next sign-in.`,
        );
      }),
    );
}
