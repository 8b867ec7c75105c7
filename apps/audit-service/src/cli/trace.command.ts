import { Command } from 'commander';
import { isISO8601 } from 'class-validator';
import { userInfo } from 'node:os';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { TRACE_ACTIONS, TRACE_RESULTS, TraceAction, TraceEvent, TraceRequester, TraceResult, TraceSearchPage, TraceSearchRequest, TraceSearchService } from '@app/trace';
import { withServiceContext } from './database-session';
import { exportTrace } from './trace-export.command';

/** The options of `trace`, as commander parses them (lists comma-separated). */
export interface TraceCliOptions {
  subject?: string;
  account?: string;
  unit?: string;
  ip?: string;
  sourceSystem?: string;
  action?: string;
  result?: string;
  field?: string;
  dossier?: string;
  procedure?: string;
  explained?: string;
  from?: string;
  to?: string;
  case?: string;
  purpose?: string;
  limit: string;
  cursor?: string;
}

const list = (v?: string): string[] | undefined => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** Reads personal IDs from standard input (one a line, or comma-separated): `--subject -` keeps them out of the shell history. */
export async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\s+/g, ',');
}

/** The search the options describe; an option that is not a date or a known value is refused naming it. */
export async function traceRequestOf(o: TraceCliOptions): Promise<TraceSearchRequest> {
  const date = (name: string, v?: string): Date | undefined => {
    if (v === undefined) return undefined;
    // As the API reads its dates: ISO 8601, and a day that exists (2026-02-30 is refused, not read as 2 March).
    if (!isISO8601(v, { strict: true })) throw new Error(`--${name}: must be a date or time (2026-11-01, 2026-11-01T08:00:00+07:00)`);
    return new Date(v);
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], v?: string): T[] | undefined => {
    const xs = list(v);
    const wrong = xs?.find((x) => !values.includes(x as T));
    if (wrong !== undefined) throw new Error(`--${name}: must be one of ${values.join(', ')}`);
    return xs as T[] | undefined;
  };
  if (o.explained !== undefined && !['yes', 'no'].includes(o.explained)) throw new Error('--explained: must be yes or no');
  const subjects = o.subject === '-' ? await readStdin() : o.subject;
  return {
    case: { caseReference: o.case, purpose: o.purpose },
    subjectIds: list(subjects),
    criteria: {
      accountIds: list(o.account),
      unitCodes: list(o.unit),
      clientIps: list(o.ip),
      sourceSystems: list(o.sourceSystem),
      actions: oneOf<TraceAction>('action', TRACE_ACTIONS, o.action),
      results: oneOf<TraceResult>('result', TRACE_RESULTS, o.result),
      fields: list(o.field),
      dossierCodes: list(o.dossier),
      procedureCodes: list(o.procedure),
      explained: o.explained === undefined ? undefined : o.explained === 'yes',
      from: date('from', o.from),
      to: date('to', o.to),
    },
  };
}

/** The command line's own name in the security log: who ran it, on this machine. */
export function cliRequester(): TraceRequester {
  return { actor: { kind: 'system', name: `cli (${userInfo().username})` } };
}

/** The API's field names as the options the operator typed. */
const OPTION_OF: Record<string, string> = { caseReference: 'case', purpose: 'purpose', subjectIds: 'subject', clientIp: 'ip', to: 'to', cursor: 'cursor' };

export function cliError(error: unknown): never {
  if (!(error instanceof DomainException)) throw error;
  throw new Error(
    [error.message, ...error.details.map((d) => `--${OPTION_OF[(d.field ?? '').split('.')[0]] ?? d.field}: ${d.message}`)].join('\n'),
  );
}

/** Adds the search options to a command (`trace`, and the export that writes the same search to a file). */
export function withTraceOptions(command: Command): Command {
  return command
    .option('--subject <ids>', "citizens' personal IDs, comma-separated; `-` reads them from standard input (kept out of the shell history)")
    .option('--account <ids>', 'accounts, comma-separated')
    .option('--unit <codes>', 'units of the accounts')
    .option('--ip <addresses>', 'client addresses or CIDR blocks')
    .option('--source-system <codes>', 'source systems')
    .option('--action <actions>', TRACE_ACTIONS.join(', '))
    .option('--result <results>', TRACE_RESULTS.join(', '))
    .option('--field <codes>', 'events that returned any of these fields')
    .option('--dossier <codes>', 'dossier codes')
    .option('--procedure <codes>', 'procedure codes')
    .option('--explained <yes|no>', 'lookups explained by their dossier, procedure and fields, or not')
    .option('--from <time>', 'occurred at or after (ISO 8601; a date is midnight UTC)')
    .option('--to <time>', 'occurred before')
    .option('--case <reference>', 'the case this tracing serves (required)')
    .option('--purpose <text>', 'why this personal data is read (required)');
}

/** `trace …`: auditors' search without the console, printed as a table; recorded in the security log like the API's. */
export function registerTraceCommand(program: Command, config: () => AppConfig): void {
  withTraceOptions(program.command('trace').description("search the stored events (docs/trace.md): who looked up whom, when, from where, for which dossier"))
    .option('--limit <n>', 'events to print (at most 500)', '50')
    .option('--cursor <token>', 'continue after the page that printed this cursor')
    .option('--out <file>', 'write every matching event as an evidence export (.csv or .xlsx) with its manifest beside it, instead of a page')
    .action(async (options: TraceCliOptions & { out?: string }) => {
      const request = await traceRequestOf(options);
      if (options.out) return exportTrace(config(), request, options.out, cliRequester());
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new Error('--limit: must be a whole number from 1 to 500');
      const page = await withServiceContext(config(), (app) => app.get(TraceSearchService).search(request, { limit, cursor: options.cursor }, cliRequester())).catch(cliError);
      process.stdout.write(formatTracePage(page));
    });
}

const COLUMNS: [string, (e: TraceEvent) => string][] = [
  ['occurred at (UTC)', (e) => e.occurredAt.replace('T', ' ').slice(0, 19)],
  ['account', (e) => e.accountId],
  ['unit', (e) => e.unitCode ?? ''],
  ['client ip', (e) => e.clientIp],
  ['system', (e) => e.sourceSystem],
  ['action', (e) => e.action],
  ['result', (e) => e.result],
  ['dossier', (e) => e.dossierCode ?? ''],
  ['procedure', (e) => e.procedureCode ?? ''],
  ['fields', (e) => e.fields.join(',')],
  ['citizen (hash)', (e) => (e.subjectHash ? `${e.subjectHash.slice(0, 16)}…` : '')],
  ['event id', (e) => e.eventId],
];

/** A plain-text table, one event a line, then the total and the cursor of the next page. */
export function formatTracePage(page: TraceSearchPage): string {
  const cells = [COLUMNS.map(([h]) => h), ...page.items.map((e) => COLUMNS.map(([, f]) => f(e)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const lines = cells.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const total = page.total ? `${page.total.exact ? '' : 'about '}${page.total.value} event(s) match` : 'continued';
  lines.push('', `${page.items.length} shown; ${total}${page.nextCursor ? `; next page: --cursor ${page.nextCursor}` : ''}`);
  return `${lines.join('\n')}\n`;
}
