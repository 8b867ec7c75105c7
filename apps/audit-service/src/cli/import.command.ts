import { Logger } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { AppConfig } from '@app/config';
import { FileImportService, ImportFormat, ImportSummary } from '@app/ingestion';
import { withServiceContext } from './database-session';

/**
 * `import <file>`: back-fill events from NDJSON or CSV through the same ingest path as Kafka and HTTP.
 * Safe to re-run: stored events are skipped as duplicates, rejected lines are kept once.
 */
export function registerImportCommand(program: Command, config: () => AppConfig): void {
  program
    .command('import')
    .description('import query-log events from an NDJSON or CSV file (safe to re-run)')
    .argument('<file>', 'NDJSON (one event per line) or CSV (header = the schema property names)')
    .addOption(
      new Option('--format <format>', 'file format (default: from the file extension)').choices([
        'ndjson',
        'csv',
      ]),
    )
    .option('--no-progress', 'do not draw the progress bar')
    .action(async (file: string, options: { format?: ImportFormat; progress: boolean }) => {
      if (!existsSync(file)) throw new Error(`${file}: no such file`);
      const format = options.format ?? (/\.csv$/i.test(file) ? 'csv' : 'ndjson');
      const summary = await withServiceContext(config(), (app) =>
        runImport(app.get(FileImportService), file, format, options.progress),
      );
      printSummary(summary);
    });
}

async function runImport(
  importer: FileImportService,
  file: string,
  format: ImportFormat,
  progress: boolean,
): Promise<ImportSummary> {
  const started = Date.now();
  const bar = new SingleBar({
    format: 'importing |{bar}| {percentage}% | {records} records | {rate} rec/s | ETA {eta_formatted}',
    hideCursor: true,
    etaBuffer: 20,
  });
  if (progress) bar.start(1, 0, { records: 0, rate: 0 });
  const summary = await importer.importFile(file, format, (p) => {
    if (!progress) return;
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    bar.setTotal(Math.max(1, p.totalBytes));
    bar.update(p.bytesRead, { records: p.records, rate: Math.round(p.records / seconds) });
  });
  if (progress) bar.stop();
  new Logger('Import').log(`Imported ${summary.file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return summary;
}

function printSummary(s: ImportSummary): void {
  const lines = [
    `file        ${s.file}`,
    `read        ${s.read}`,
    `stored      ${s.stored}`,
    `duplicates  ${s.duplicates} (already stored, skipped)`,
    `rejected    ${s.rejected}`,
    ...Object.entries(s.rejectedByReason).map(([reason, n]) => `  ${reason}: ${n}`),
  ];
  if (s.rejected) lines.push('Rejected lines are listed at GET /v1/ingest/rejections (source "file").');
  console.log(lines.join('\n'));
}
