import { Command } from 'commander';
import { ChainVerifier, VerifyReportDto } from '@app/audit-trail';
import { AppConfig } from '@app/config';
import { withAuditTrailContext } from './database-session';

/** Exit status of `verify` when the chain or a signature does not check out. */
export const EXIT_TAMPERED = 2;

/** The audit-trail module on the configured database (the embedded one started if no server is set). */

function parseTime(value: string, name: string): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) {
    throw new Error(`--${name}: not an ISO 8601 date or date-time: ${value}`);
  }
  return at;
}

/** `verify [--from] [--to] [--json]`: recompute the chain, the stored events and the signatures. */
export function registerVerifyCommand(program: Command, config: () => AppConfig): void {
  program
    .command('verify')
    .description(
      'recompute the audit hash chain, the stored events and the signed digests; exit 2 if anything is broken',
    )
    .option('--from <time>', 'check batches stored at or after this ISO 8601 time')
    .option('--to <time>', 'check batches stored at or before this ISO 8601 time')
    .option('--json', 'print the report as JSON')
    .action(async (options: { from?: string; to?: string; json?: boolean }) => {
      const range = {
        from: options.from ? parseTime(options.from, 'from') : undefined,
        to: options.to ? parseTime(options.to, 'to') : undefined,
      };
      const report = await withAuditTrailContext(config(), (app) => app.get(ChainVerifier).verify(range));
      console.log(options.json ? JSON.stringify(report, null, 2) : describeReport(report));
      if (!report.ok) process.exitCode = EXIT_TAMPERED;
    });
}

export function describeReport(r: VerifyReportDto): string {
  const lines = [
    r.ok ? 'OK: the audit chain verifies' : 'BROKEN: the audit chain does not verify',
    `range        ${r.from ?? 'first batch'} .. ${r.to ?? 'head'}`,
    `started at   ${r.anchor.kind === 'genesis' ? 'genesis' : `signed digest of batch ${r.anchor.batchId} (${r.anchor.signedAt})`}`,
    `batches      ${r.batchesChecked} checked${r.batchesRetainedOut ? `, ${r.batchesRetainedOut} with events dropped by retention` : ''}`,
    `events       ${r.eventsChecked} checked`,
    `journal rows ${r.journalRowsChecked} checked (security log, alert actions)`,
    `signatures   ${r.signaturesChecked} checked, ${r.signatureFailures.length} failed; key ids: ${r.keyIds.join(', ') || '-'}`,
  ];
  const b = r.firstBrokenBatch;
  if (b) {
    lines.push(`first broken batch ${b.batchId ?? '?'} (chain position ${b.chainSeq ?? '?'}): ${b.reason}`);
    for (const [what, ids] of Object.entries({ changed: b.changed, removed: b.removed, added: b.added })) {
      if (ids.length)
        lines.push(
          `  ${what} (${ids.length}): ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}`,
        );
    }
  }
  for (const f of r.signatureFailures)
    lines.push(
      `signature ${f.signedDigestId} (batch ${f.batchId}, key ${f.keyId.slice(0, 16)}): ${f.reason}`,
    );
  return lines.join('\n');
}
