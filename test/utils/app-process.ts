import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** An app of this repository, by its entry point under apps/ (without the extension). */
export type AppEntry = 'audit-service/src/cli' | 'audit-service/src/main' | 'gateway-simulator/src/main';

/**
 * How to run an app as its own OS process: node's arguments and the environment it needs. Under `npm test` the
 * build test/run-tests.js made (dist/, the files `npm start` and `npm run cli` run); where jest runs without it, the
 * sources through @swc-node/register (compiled anew by each process, seconds more each).
 */
export function appCommand(entry: AppEntry): { args: string[]; env: Record<string, string> } {
  const built = process.env.TEST_APPS_BUILD;
  if (built) return { args: [join(built, 'apps', `${entry}.js`)], env: {} };
  return { args: ['-r', '@swc-node/register', join(ROOT, 'apps', `${entry}.ts`)], env: { SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') } };
}

export const REPO_ROOT = ROOT;

/**
 * Settings every service the tests start gets unless the test sets its own: a machine the suites share can be slow
 * for any query, so tests count totals exactly (the count's budget has its own test).
 */
export const TEST_SERVICE_DEFAULTS: Readonly<Record<string, string>> = { TRACE_EXACT_COUNT_BUDGET_MS: '10000' };
