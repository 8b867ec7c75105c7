import { execFile } from 'node:child_process';
import { appCommand, REPO_ROOT, TEST_SERVICE_DEFAULTS } from './app-process';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run cli -- <args>` (appCommand: the build `npm test` made) as its own OS process, as an operator would, with only the
 * given environment (nothing of the test runner's leaks in), `input` on its standard input. Resolves with the exit
 * code, whatever it is.
 */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const cli = appCommand('audit-service/src/cli');
    const child = execFile(
      process.execPath,
      [...cli.args, ...args],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          ...cli.env,
          TZ: 'UTC',
          ...TEST_SERVICE_DEFAULTS,
          ...env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    // What an operator pipes in (personal IDs, kept out of the arguments); nothing else writes to it.
    if (input !== undefined) child.stdin!.end(input);
  });
}
