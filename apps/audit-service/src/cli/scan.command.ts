import { Command } from 'commander';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { DetectionScan } from '@app/detection';
import { withServiceContext } from './database-session';

/** `scan --from --to [--rebuild]`: the day-level detectors over a period, as the daily job runs them on yesterday. */
export function registerScanCommand(program: Command, config: () => AppConfig): void {
  program
    .command('scan')
    .description('run the day-level detectors (volume, unit surge) over the closed local days of a period; re-running updates alerts, never duplicates them')
    .requiredOption('--from <YYYY-MM-DD>', 'first local day (Vietnam)')
    .requiredOption('--to <YYYY-MM-DD>', 'last local day')
    .option('--rebuild', "first rebuild the period's per-account-day aggregate from the store", false)
    .action(async (options: { from: string; to: string; rebuild: boolean }) => {
      const outcome = await withServiceContext(config(), (app) => app.get(DetectionScan).scan(options.from, options.to, { rebuild: options.rebuild })).catch(
        (error: unknown) => {
          if (!(error instanceof DomainException)) throw error;
          // --from/--to rather than the API's field names: what the operator typed.
          throw new Error([error.message, ...error.details.map((d) => `--${d.field}: ${d.message}`)].join('\n'));
        },
      );
      if (outcome.rebuilt) console.log(`rebuilt the aggregate of ${outcome.rebuilt.days} day(s) from ${outcome.rebuilt.events} stored event(s)`);
      const findings = Object.entries(outcome.findings).map(([type, n]) => `${type}: ${n}`).join(', ') || 'none';
      console.log(`scanned ${outcome.days} closed day(s) ${outcome.fromDay} .. ${outcome.toDay}; findings ${findings}; alerts created ${outcome.created}, updated ${outcome.updated}`);
    });
}
