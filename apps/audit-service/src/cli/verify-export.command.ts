import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { ExportVerifyReport, readExportRows, verifyExport } from '@app/audit-trail';
import { EXIT_TAMPERED } from './verify.command';

/**
 * Exit status of `verify-export` when the export is consistent but no public key was given: anyone can make a key,
 * sign a manifest of their own and carry the key in it, so only the service's published key proves the origin.
 */
export const EXIT_ORIGIN_UNCHECKED = 3;

/**
 * `verify-export <manifest> <file> [--public-key pem] [--json]`: checks an evidence export offline. It reads no
 * configuration and opens no database: the manifest, the file and (ideally) the published public key are all it needs.
 */
export function registerVerifyExportCommand(program: Command): void {
  program
    .command('verify-export')
    .description(
      'check an evidence export against its manifest and the integrity chain, offline; exit 2 if it does not verify, 3 if it is consistent but no --public-key was given to prove who signed it',
    )
    .argument('<manifest>', 'the manifest (.manifest.json) of the export')
    .argument('<file>', 'the exported file (.csv or .xlsx)')
    .option('--public-key <file>', "the service's published public key (PEM, GET /v1/integrity/public-key); without it the keys in the manifest are used")
    .option('--json', 'print the report as JSON')
    .action(async (manifestPath: string, filePath: string, options: { publicKey?: string; json?: boolean }) => {
      const publicKey = options.publicKey ? readPublicKey(options.publicKey) : undefined;
      const report = await verifyExport(readFileSync(manifestPath, 'utf8'), readFileSync(filePath), readExportRows, publicKey);
      console.log(options.json ? JSON.stringify(report, null, 2) : describeExportReport(report));
      if (!report.ok) process.exitCode = EXIT_TAMPERED;
      else if (report.trustedKey !== 'given') process.exitCode = EXIT_ORIGIN_UNCHECKED;
    });
}

/** A PEM file, or the JSON GET /v1/integrity/public-key answers (its publicKeyPem). */
function readPublicKey(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!text.trimStart().startsWith('{')) return text;
  try {
    return (JSON.parse(text) as { publicKeyPem: string }).publicKeyPem;
  } catch {
    throw new Error(`--public-key: ${path} is neither a PEM public key nor the JSON of GET /v1/integrity/public-key`);
  }
}

export function describeExportReport(r: ExportVerifyReport): string {
  const lines = [
    !r.ok
      ? 'FAILED: the export does not verify'
      : r.trustedKey === 'given'
        ? 'OK: the export verifies'
        : 'ORIGIN NOT CHECKED: the export is consistent with its manifest and chain, but its signatures were checked only against the keys the manifest carries; run again with --public-key <the published key> to prove the service signed it',
    `export       ${r.exportId ?? '?'} (${r.format ?? '?'}), case ${r.caseReference ?? '?'}`,
    `exported     ${r.exportedAt ?? '?'} by ${r.exportedBy ?? '?'}`,
    `rows         ${r.rowsChecked} checked, from ${r.batchesProven} batches`,
    `chain        ${r.linksChecked} links to ${r.headsChecked} signed heads`,
    `keys         ${r.keyIds.join(', ') || '-'} (${r.trustedKey === 'given' ? 'the given public key' : 'carried by the manifest: compare with the published key id'})`,
  ];
  for (const f of r.failures) lines.push(`  ${f.check}: ${f.message}`);
  return lines.join('\n');
}
