import { Command } from 'commander';
import { createWriteStream, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { extname } from 'node:path';
import { finished } from 'node:stream/promises';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { EvidenceExportService, ExportFormat, TRACE_ACTIONS, TRACE_RESULTS, TraceAction, TraceResult } from '@app/trace';
import { withServiceContext } from './database-session';

interface TraceExportOptions {
  out: string;
  case: string;
  purpose: string;
  subject?: string[];
  account?: string[];
  unit?: string[];
  ip?: string[];
  sourceSystem?: string[];
  action?: string[];
  result?: string[];
  field?: string[];
  dossier?: string[];
  procedure?: string[];
  from?: string;
  to?: string;
}

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function time(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) throw new Error(`--${name}: not an ISO 8601 date or date-time: ${value}`);
  return at;
}

function oneOf<T extends string>(values: string[] | undefined, allowed: readonly T[], name: string): T[] | undefined {
  const wrong = values?.find((v) => !allowed.includes(v as T));
  if (wrong !== undefined) throw new Error(`--${name}: ${wrong} is not one of ${allowed.join(', ')}`);
  return values as T[] | undefined;
}

/**
 * `trace:export --case --purpose --out file.csv|file.xlsx [criteria]`: an auditor's search written as an evidence
 * export, with its signed manifest beside it (file.manifest.json). Recorded in the security log as the operator.
 */
export function registerTraceExportCommand(program: Command, config: () => AppConfig): void {
  program
    .command('trace:export')
    .description('export the stored events matching the criteria (newest first) as CSV or XLSX with a manifest anyone can verify offline (verify-export)')
    .requiredOption('--out <file>', 'where to write the export: .csv or .xlsx; the manifest goes beside it as <file>.manifest.json')
    .requiredOption('--case <reference>', 'the case this tracing serves (số hồ sơ vụ việc)')
    .requiredOption('--purpose <text>', 'why this personal data is read')
    .option('--subject <id>', "citizens' personal IDs (12 digits, comma-separated or repeated), hashed at once with every key", list)
    .option('--account <id>', 'accounts', list)
    .option('--unit <code>', 'units', list)
    .option('--ip <address>', 'client addresses or CIDR blocks', list)
    .option('--source-system <code>', 'source systems', list)
    .option('--action <action>', `actions (${TRACE_ACTIONS.join(', ')})`, list)
    .option('--result <result>', `results (${TRACE_RESULTS.join(', ')})`, list)
    .option('--field <code>', 'field codes returned', list)
    .option('--dossier <code>', 'dossier codes', list)
    .option('--procedure <code>', 'procedure codes', list)
    .option('--from <time>', 'occurred at or after (ISO 8601)')
    .option('--to <time>', 'occurred before (ISO 8601)')
    .action(async (o: TraceExportOptions) => {
      const format = extname(o.out).slice(1).toLowerCase();
      if (format !== 'csv' && format !== 'xlsx') throw new Error('--out: the file must end in .csv or .xlsx');
      const criteria = {
        accountIds: o.account,
        unitCodes: o.unit,
        clientIps: o.ip,
        sourceSystems: o.sourceSystem,
        actions: oneOf<TraceAction>(o.action, TRACE_ACTIONS, 'action'),
        results: oneOf<TraceResult>(o.result, TRACE_RESULTS, 'result'),
        fields: o.field,
        dossierCodes: o.dossier,
        procedureCodes: o.procedure,
        from: time(o.from, 'from'),
        to: time(o.to, 'to'),
      };
      const by = { actor: { kind: 'system' as const, name: `cli:${userInfo().username}` } };
      const outcome = await withServiceContext(config(), async (app) => {
        const started = app.get(EvidenceExportService).start({ case: { caseReference: o.case, purpose: o.purpose }, subjectIds: o.subject, criteria, format: format as ExportFormat }, by);
        const out = createWriteStream(o.out);
        const result = await started.write(out);
        out.end();
        await finished(out);
        return result;
      }).catch((error: unknown) => {
        if (!(error instanceof DomainException)) throw error;
        throw new Error([error.message, ...error.details.map((d) => `${d.field}: ${d.message}`)].join('\n'));
      });
      writeFileSync(`${o.out}.manifest.json`, outcome.manifestText);
      console.log(`exported ${outcome.file.rows} event(s) to ${o.out} (SHA-256 ${outcome.file.sha256}); manifest ${o.out}.manifest.json; export ${outcome.id}`);
      console.log(`check it anywhere with: npm run cli -- verify-export ${o.out}.manifest.json ${o.out} --public-key <published key>`);
    });
}
