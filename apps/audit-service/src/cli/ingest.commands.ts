import { Command } from 'commander';
import { userInfo } from 'node:os';
import { AppConfig } from '@app/config';
import { StuckBatch, StuckBatchService } from '@app/ingestion';
import { withServiceContext } from './database-session';

/** `ingest:*`: the Kafka batches that could not be decoded, and an operator's order to move past one. */
export function registerIngestCommands(program: Command, config: () => AppConfig): void {
  program
    .command('ingest:stuck-batches')
    .description('list Kafka record batches that could not be decoded (each stops its partition until skipped)')
    .action(async () => {
      const batches = await withServiceContext(config(), (app) => app.get(StuckBatchService).list(100));
      if (!batches.length) console.log('No record batch has failed to decode.');
      for (const b of batches) console.log(describe(b));
    });

  program
    .command('ingest:skip-batch')
    .description('order an undecodable Kafka batch skipped: the owning replica moves past it (recorded in the security log)')
    .argument('<id>', 'the stuck batch id (ingest:stuck-batches, GET /v1/ingest/stuck-batches, or the error in the log)')
    .requiredOption('--reason <text>', 'why its events may be skipped, e.g. the ticket of their re-sending')
    .action(async (id: string, options: { reason: string }) => {
      if (options.reason.trim().length < 5) throw new Error('--reason: say why in at least 5 characters');
      const actor = { kind: 'system' as const, name: `cli (${userInfo().username})` };
      const batch = await withServiceContext(config(), (app) => app.get(StuckBatchService).orderSkip(id, actor, options.reason.trim()));
      console.log(describe(batch));
    });
}

function describe(b: StuckBatch): string {
  const state = b.skippedAt
    ? `skipped at ${b.skippedAt.toISOString()}`
    : b.skipRequestedAt
      ? `skip ordered by ${b.skipRequestedBy} at ${b.skipRequestedAt.toISOString()}; the owning replica moves past it within seconds`
      : 'stopping its partition';
  return (
    `#${b.id} ${b.topic}[${b.partition}] offsets ${b.firstOffset}..${b.lastOffset}: ${b.recordCount} records, ${b.codec}, ` +
    `${b.compressedBytes} bytes (sha256 ${b.sha256}); ${b.error}; ${state}`
  );
}
