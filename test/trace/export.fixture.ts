import { createWriteStream } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { EvidenceExportOutcome, EvidenceExportRequest, EvidenceExportService, TraceRequester } from '@app/trace';
import { runCli, CliResult } from '../utils/cli-process';

export const AUDITOR: TraceRequester = { actor: { kind: 'user', id: 'u-auditor-1', name: 'thanhtra.nguyen' }, clientIp: '10.52.1.20' };

export interface ExportFiles {
  dir: string;
  file: string;
  manifest: string;
  outcome: EvidenceExportOutcome;
}

/** Runs an export through the service into a file, with its manifest beside it (as the CLI writes them). */
export async function exportToFiles(app: INestApplicationContext, request: EvidenceExportRequest): Promise<ExportFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'tthc-export-'));
  const file = join(dir, `export.${request.format}`);
  const manifest = `${file}.manifest.json`;
  const out = createWriteStream(file);
  const outcome = await app.get(EvidenceExportService).start(request, AUDITOR).write(out);
  out.end();
  await finished(out);
  writeFileSync(manifest, outcome.manifestText);
  return { dir, file, manifest, outcome };
}

/** verify-export as an auditor runs it elsewhere: its own process, no database, no secret in its environment. */
export function verifyOffline(manifest: string, file: string, extra: string[] = []): Promise<CliResult> {
  return runCli(['verify-export', manifest, file, ...extra], {});
}
