import { createWriteStream, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { finished } from 'node:stream/promises';
import { AppConfig } from '@app/config';
import { EvidenceExportOutcome, EvidenceExportService, TraceRequester, TraceSearchRequest } from '@app/trace';
import { withServiceContext } from './database-session';
import { cliError } from './trace.command';

/**
 * `trace … --out file.csv|file.xlsx`: the search written as an evidence export, its signed manifest beside it
 * (file.csv.manifest.json); recorded in the security log like the API's.
 */
export async function exportTrace(config: AppConfig, request: TraceSearchRequest, out: string, by: TraceRequester): Promise<void> {
  const format = extname(out).slice(1).toLowerCase();
  if (format !== 'csv' && format !== 'xlsx') throw new Error('--out: the file must end in .csv or .xlsx');
  const outcome = await withServiceContext(config, async (app): Promise<EvidenceExportOutcome> => {
    const started = app.get(EvidenceExportService).start({ ...request, format }, by);
    const file = createWriteStream(out);
    const result = await started.write(file);
    file.end();
    await finished(file);
    return result;
  }).catch(cliError);
  writeFileSync(`${out}.manifest.json`, outcome.manifestText);
  process.stdout.write(
    `exported ${outcome.file.rows} event(s) to ${out} (SHA-256 ${outcome.file.sha256}); manifest ${out}.manifest.json; export ${outcome.id}\n` +
      `check it anywhere with: npm run cli -- verify-export ${out}.manifest.json ${out} --public-key <the published key>\n`,
  );
}
