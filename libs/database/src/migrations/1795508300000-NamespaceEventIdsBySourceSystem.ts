import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The idempotency key becomes (source system, eventId): an eventId is unique per producer, so one producer's ids
 * can never make another's events duplicates. Existing claims take their event's source system (claims whose
 * events retention already dropped are removed with them, so every claim has its event).
 */
export class NamespaceEventIdsBySourceSystem1795508300000 implements MigrationInterface {
  name = 'NamespaceEventIdsBySourceSystem1795508300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE query_event_id ADD COLUMN source_system text COLLATE "C"`);
    await q.query(`ALTER TABLE query_event_id DISABLE TRIGGER trg_query_event_id_append_only`);
    await q.query(`
      UPDATE query_event_id i SET source_system = e.source_system
      FROM query_event e WHERE e.event_id = i.event_id AND e.occurred_at = i.occurred_at AND e.batch_id = i.batch_id`);
    // A claim without its event (a benchmark fixture, a hand-made row) keeps an empty namespace: still unique.
    await q.query(`UPDATE query_event_id SET source_system = '' WHERE source_system IS NULL`);
    await q.query(`ALTER TABLE query_event_id ENABLE TRIGGER trg_query_event_id_append_only`);
    await q.query(`ALTER TABLE query_event_id ALTER COLUMN source_system SET NOT NULL`);
    await q.query(`ALTER TABLE query_event_id DROP CONSTRAINT query_event_id_pkey`);
    await q.query(`ALTER TABLE query_event_id ADD CONSTRAINT query_event_id_pkey PRIMARY KEY (source_system, event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails, as it should, once two systems have stored the same eventId: the old key cannot hold them.
    await q.query(`ALTER TABLE query_event_id DROP CONSTRAINT query_event_id_pkey`);
    await q.query(`ALTER TABLE query_event_id ADD CONSTRAINT query_event_id_pkey PRIMARY KEY (event_id)`);
    await q.query(`ALTER TABLE query_event_id DROP COLUMN source_system`);
  }
}
