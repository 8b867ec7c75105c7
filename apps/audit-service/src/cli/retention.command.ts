import { Command } from 'commander';
import { hostname, userInfo } from 'node:os';
import { AuditRetention, RetentionPlan } from '@app/audit-trail';
import { AppConfig } from '@app/config';
import { withAuditTrailContext } from './database-session';

function parseYears(value: string): number {
  const match = /^(\d{1,3})y?$/.exec(value.trim());
  if (!match || Number(match[1]) < 1)
    throw new Error(`--older-than: expected a number of years such as 5y, got ${value}`);
  return Number(match[1]);
}

/**
 * `retention [--older-than 5y] [--execute]`: reports which monthly partitions of events are older than the period;
 * only with --execute drops them, logged in retention_log (with per-batch counts so verify still passes).
 */
export function registerRetentionCommand(program: Command, config: () => AppConfig): void {
  program
    .command('retention')
    .description(
      'report (and with --execute drop) monthly partitions of events older than the retention period',
    )
    .option('--older-than <years>', 'retention period in years, e.g. 5y (default: RETENTION_YEARS)')
    .option('--execute', 'drop the reported partitions (without it nothing is changed)')
    .action(async (options: { olderThan?: string; execute?: boolean }) => {
      const years = options.olderThan ? parseYears(options.olderThan) : config().integrity.retentionYears;
      const output = await withAuditTrailContext(config(), async (app) => {
        const retention = app.get(AuditRetention);
        if (!options.execute) {
          const plan = await retention.plan(years);
          const hint = plan.partitions.length
            ? 'Nothing was dropped. Re-run with --execute to drop these partitions.'
            : '';
          return [describePlan(plan, years, 'would drop'), hint].filter(Boolean).join('\n');
        }
        const result = await retention.execute(years, `${userInfo().username}@${hostname()}`);
        return `${describePlan(result, years, 'dropped')}\nLogged as retention run ${result.retentionId}; ${result.eventIdsDeleted} event ids released.`;
      });
      console.log(output);
    });
}

function describePlan(plan: RetentionPlan, years: number, verb: string): string {
  const day = (d: Date | null): string => (d ? d.toISOString() : '-');
  const lines = [`retention ${years} years: events that occurred before ${plan.cutoff.toISOString()}`];
  if (!plan.partitions.length) return `${lines[0]}\nno partition is older than that; nothing to drop`;
  lines.push(
    'partition              month                    events   batches  first event               last event',
  );
  for (const p of plan.partitions) {
    lines.push(
      `${p.name.padEnd(22)} ${p.from.toISOString().slice(0, 10)}..${p.to.toISOString().slice(0, 10)} ${String(p.events).padStart(9)} ` +
        `${String(p.batches).padStart(9)}  ${day(p.firstOccurredAt).padEnd(25)} ${day(p.lastOccurredAt)}`,
    );
  }
  lines.push(
    `${verb}: ${plan.partitions.length} partition(s), ${plan.events} events, ${plan.batchesAffected} batches affected`,
  );
  return lines.join('\n');
}
