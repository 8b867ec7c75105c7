import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { checkedPeriod, CitizenAccessReportService, ReportArchiveService, ReportRecord } from '@app/reports';
import { withServiceContext } from './database-session';
import { cliRequester, readStdin } from './trace.command';

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
      const by = cliRequester();
      const { report, files } = await withServiceContext(config(), async (app) => {
        const archive = app.get(ReportArchiveService);
        const { report } = await archive.generate(
          'on_demand',
          checkedPeriod(options.from, options.to),
          `cli:${userInfo().username}`,
          by,
        );
        return { report, files: await writeFiles(archive, report, options.out) };
      }).catch(namingOptions);
      console.log(
        `report ${report.id} (Số: ${report.number}/${report.symbol}) for ${report.period.from} .. ${report.period.to} (to not included)`,
      );
      printed(report, files);
    });
}

/**
 * `reports:citizen-access --case --purpose [--name] [--from] [--to] [--out DIR]`: a citizen's access report as POST
 * /v1/reports/citizen-access makes it. The personal ID is read from standard input only (never an argument, so it
 * stays out of the shell's history and the process list).
 */
export function registerCitizenAccessCommand(program: Command, config: () => AppConfig): void {
  program
    .command('reports:citizen-access')
    .description(
      "make and archive a citizen's access report (who looked the citizen up); the personal ID is read from standard input",
    )
    .requiredOption('--case <reference>', "the citizen's request it answers")
    .requiredOption('--purpose <text>', 'why the data is read')
    .option('--name <name>', 'the name the report is addressed to')
    .option('--from <YYYY-MM-DD>', 'first local day (Vietnam), included; without it everything retained')
    .option('--to <YYYY-MM-DD>', 'the day after the period, not included; without it up to now')
    .option('--out <dir>', 'also write the PDF and the XLSX into this folder')
    .action(
      async (o: {
        case: string;
        purpose: string;
        name?: string;
        from?: string;
        to?: string;
        out?: string;
      }) => {
        if (process.stdin.isTTY) process.stderr.write("The citizen's personal ID, then Enter and Ctrl-D:\n");
        const subject = (await readStdin()).replace(/,/g, '');
        const { report, files } = await withServiceContext(config(), async (app) => {
          const report = await app.get(CitizenAccessReportService).generate(
            {
              subject,
              case: { caseReference: o.case, purpose: o.purpose },
              requesterName: o.name,
              from: o.from,
              to: o.to,
            },
            `cli:${userInfo().username}`,
            cliRequester(),
          );
          return { report, files: await writeFiles(app.get(ReportArchiveService), report, o.out) };
        }).catch(namingOptions);
        console.log(
          `report ${report.id} (Số: ${report.number}/${report.symbol}): ${report.citizenAccess!.events} lookup(s) by ${report.citizenAccess!.accounts} account(s)`,
        );
        printed(report, files);
      },
    );
}

async function writeFiles(
  archive: ReportArchiveService,
  report: ReportRecord,
  out?: string,
): Promise<string[]> {
  const files: string[] = [];
  for (const format of out ? (['pdf', 'xlsx'] as const) : []) {
    const path = join(resolve(out!), `bao-cao-${report.year}-${report.number}.${format}`);
    writeFileSync(path, (await archive.file(report.id, format, cliRequester())).data);
    files.push(path);
  }
  return files;
}

function printed(report: ReportRecord, files: string[]): void {
  console.log(`  PDF  sha256 ${report.pdfSha256}`);
  console.log(`  XLSX sha256 ${report.xlsxSha256}`);
  for (const f of files) console.log(`  written ${f}`);
}

/** The options (or standard input) the API's field names stand for on this command line. */
const OPTION_OF: Record<string, string> = {
  caseReference: '--case',
  requesterName: '--name',
  subject: 'standard input',
};

/** A refusal as the options the operator typed. */
function namingOptions(error: unknown): never {
  if (!(error instanceof DomainException)) throw error;
  throw new Error(
    [
      error.message,
      ...error.details.map((d) => `${(d.field && OPTION_OF[d.field]) || `--${d.field}`}: ${d.message}`),
    ].join('\n'),
  );
}
