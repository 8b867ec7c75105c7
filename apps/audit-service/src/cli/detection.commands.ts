import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { DomainException } from '@app/common';
import { AppConfig } from '@app/config';
import { ProcedureProfileService, UnitNetworksAdminService } from '@app/detection';
import { withServiceContext } from './database-session';

const CLI_ACTOR = 'system:cli';

/** `detection:*`: detection's reference data, loaded from files beside the service. */
export function registerDetectionCommands(program: Command, config: () => AppConfig): void {
  program
    .command('detection:networks:import')
    .description("import units' registered networks from CSV (unitCode,cidr,label): each unit named gets exactly the file's networks")
    .argument('<file>', 'CSV with the header unitCode,cidr,label (label optional); IPv4 or IPv6 CIDRs or single addresses')
    .action(async (file: string) => {
      if (!existsSync(file)) throw new Error(`${file}: no such file`);
      const text = readFileSync(file, 'utf8');
      try {
        const summary = await withServiceContext(config(), (app) => app.get(UnitNetworksAdminService).importCsv(text, CLI_ACTOR));
        console.log(`imported ${summary.networks} network(s) for ${summary.units} unit(s) from ${file}`);
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        // One line per problem, as an operator fixes them: file:line: field: what is wrong.
        const lines = error.details.map((d) => `${file}${d.line ? `:${d.line}` : ''}: ${d.field ? `${d.field}: ` : ''}${d.message}`);
        throw new Error([`${file}: ${error.message}`, ...lines].join('\n'));
      }
    });

  program
    .command('detection:procedures:learn')
    .description(
      "learn now what each procedure's lookups of the last days return (its need where config/procedures.json is silent), " +
        'as the daily job does; then rebuild the days to count with it: scan --from --to --rebuild',
    )
    .action(async () => {
      const profiles = await withServiceContext(config(), (app) => app.get(ProcedureProfileService).learnOnce());
      if (!profiles) throw new Error('Another replica is learning the procedure profiles; try again in a minute');
      console.log(`learned the profiles of ${profiles.length} procedure(s)`);
      for (const p of profiles) console.log(`  ${p.code}: ${p.fields.join(', ') || '(no field reaches learnedProfile.minShare)'} (${p.lookups} lookups)`);
    });
}
