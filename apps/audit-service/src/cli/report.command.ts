import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { checkedPeriod, ReportArchiveService } from '@app/reports';
import { withServiceContext } from './database-session';

/**
 * `reports:generate --from --to [--out DIR]`: an on-demand report, archived as POST /v1/reports archives it (made by
 * `cli:<user of the shell>`), its PDF and XLSX also written to a folder when asked.
 */
export function registerReportCommand(program: Command, config: () => AppConfig): void {
  program
    .command('reports:generate')
    .description(
      'generate and archive an on-demand report to the Office for the local days [from, to) (to not included)',
    )
    .requiredOption('--from <YYYY-MM-DD>', 'first local day (Vietnam), included')
    .requiredOption('--to <YYYY-MM-DD>', 'the day after the period, not included')
    .option('--out <dir>', 'also write the PDF and the XLSX into this folder')
    .action(async (options: { from: string; to: string; out?: string }) => {
      const actor = `cli:${userInfo().username}`;
      const by = { actor: { kind: 'system' as const, name: `cli (${userInfo().username})` } };
      const written = await withServiceContext(config(), async (app) => {
        const archive = app.get(ReportArchiveService);
        const { report } = await archive.generate(
          'on_demand',
          checkedPeriod(options.from, options.to),
          actor,
          by,
        );
        const files: string[] = [];
        for (const format of options.out ? (['pdf', 'xlsx'] as const) : []) {
          const path = join(resolve(options.out!), `bao-cao-${report.year}-${report.number}.${format}`);
          writeFileSync(path, (await archive.file(report.id, format, by)).data);
          files.push(path);
        }
        return { report, files };
      }).catch((error: unknown) => {
        if (!(error instanceof DomainException)) throw error;
        throw new Error(
          [error.message, ...error.details.map((d) => `--${d.field}: ${d.message}`)].join('\n'),
        );
      });
      const { report, files } = written;
      console.log(
        `report ${report.id} (Số: ${report.number}/${report.symbol}) for ${report.period.from} .. ${report.period.to} (to not included)`,
      );
      console.log(`  PDF  sha256 ${report.pdfSha256}`);
      console.log(`  XLSX sha256 ${report.xlsxSha256}`);
      for (const f of files) console.log(`  written ${f}`);
    });
}
