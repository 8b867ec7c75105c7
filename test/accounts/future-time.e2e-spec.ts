import { DataSource } from 'typeorm';
import { AlertsService } from '@app/alerts';
import { FixedClock } from '@app/common';
import { MIGRATIONS } from '@app/database';
import { IngestService } from '@app/ingestion';
import { sql } from '../ingestion/ingest.fixture';
import { AccountsApi, bootAccountsApi, directoryEntry } from './accounts-http.fixture';

/** Time from the future is kept as evidence, and is never an account's activity. */
describe('Times from the future', () => {
  let api: AccountsApi;

  beforeEach(async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-24T10:00:00+07:00')));
  });

  afterEach(() => api?.close());

  const futureAlerts = (accountId: string) => api.t.app.get(AlertsService).list({ type: 'future_event_time', accountId });

  it('an event dated 2999 (sent with the key of its own system) is stored and flagged, moves no idle lock, and raises one alert a day', async () => {
    // Signed in last on 20 August: its lock falls due on 20 November, four days ago.
    await api.sync([directoryEntry('cb.future', { lastLoginAt: '2026-08-20T09:00:00+07:00' }), directoryEntry('cb.created')], { mode: 'full' });
    await api.ingestLogins([
      { accountId: 'cb.future', at: '2999-01-01T00:00:00Z' },
      { accountId: 'cb.future', at: '9999-06-01T00:00:00Z' },
    ]);

    const stored = await sql<{ occurred_at: Date; flags: string[] }>(
      api.t.db.url,
      `SELECT occurred_at, flags FROM query_event WHERE account_id = 'cb.future' ORDER BY occurred_at`,
    );
    expect(stored.map((r) => r.flags)).toEqual([['future_time'], ['future_time']]);
    const account = await api.account('cb.future');
    expect(account).toMatchObject({ lastActivityAt: null, idleBasis: 'directory_last_login', lockDueOn: '2026-11-20' });
    // Only future events are stored: they are no start of the logs either.
    expect(await api.account('cb.created')).toMatchObject({ observationStart: null, idleBasis: 'no_evidence', lockDueOn: null });

    const [alert] = await futureAlerts('cb.future');
    expect(alert).toMatchObject({
      severity: 'medium',
      occurredAt: api.clock.now(),
      evidence: {
        eventCount: 2,
        sourceSystems: ['tthc-gateway'],
        storedAt: api.clock.now().toISOString(),
        futureSkewSeconds: 300,
        events: [
          expect.objectContaining({ sourceSystem: 'tthc-gateway', occurredAt: '2999-01-01T00:00:00.000Z' }),
          expect.objectContaining({ sourceSystem: 'tthc-gateway', occurredAt: '9999-06-01T00:00:00.000Z' }),
        ],
      },
    });
    expect(alert.evidence.eventIds).toHaveLength(2);

    await api.ingestLogins([{ accountId: 'cb.future', at: '2999-02-01T00:00:00Z' }]);
    expect(await futureAlerts('cb.future')).toEqual([expect.objectContaining({ id: alert.id, evidence: expect.objectContaining({ occurrences: 2 }) })]);
    api.clock.advance(24 * 3_600_000);
    await api.ingestLogins([{ accountId: 'cb.future', at: '2999-03-01T00:00:00Z' }]);
    expect(await futureAlerts('cb.future')).toHaveLength(2);

    const run = (await api.runIdleLock()).body;
    expect(run).toMatchObject({ outcome: 'applied', locked: ['cb.future'] });
  });

  it('an event within the skew, and any event of a registered system, still count as activity', async () => {
    await api.sync([directoryEntry('cb.now', { lastLoginAt: '2026-08-20T09:00:00+07:00' })], { mode: 'full' });
    const soon = new Date(api.clock.now().getTime() + 4 * 60_000).toISOString();
    await api.ingestLogins([{ accountId: 'cb.now', at: soon }]);
    expect(await api.account('cb.now')).toMatchObject({ lastActivityAt: soon, idleBasis: 'activity' });
    expect(await futureAlerts('cb.now')).toEqual([]);
  });

  it('events of a system nobody registered (Kafka, no key) are kept but do not count as activity', async () => {
    await api.sync([directoryEntry('cb.kafka', { lastLoginAt: '2026-08-20T09:00:00+07:00' })], { mode: 'full' });
    const event = (eventId: string, sourceSystem: string, at: string) => ({
      payload: { schemaVersion: 1, eventId, occurredAt: at, accountId: 'cb.kafka', clientIp: '10.0.0.8', sourceSystem, action: 'login' },
      position: { source: 'kafka' as const, topic: 'tthc.query-log', partition: 0, offset: eventId },
    });
    const ingest = api.t.app.get(IngestService);
    const unregistered = await ingest.ingest([event('1', 'shadow-app', '2026-11-24T09:00:00+07:00')], { source: 'kafka' });
    expect(unregistered).toMatchObject({ accepted: 1 });
    expect(await api.account('cb.kafka')).toMatchObject({ lastActivityAt: null, idleBasis: 'directory_last_login', lockDueOn: '2026-11-20' });

    await ingest.ingest([event('2', 'tthc-gateway', '2026-11-24T09:30:00+07:00')], { source: 'kafka' });
    expect(await api.account('cb.kafka')).toMatchObject({ lastActivityAt: '2026-11-24T02:30:00.000Z', idleBasis: 'activity' });
  });

  it('a directory lastLoginAt or createdAt in the future is rejected with its line and field; the rest applies', async () => {
    await api.sync([directoryEntry('cb.login', { lastLoginAt: '2026-08-20T09:00:00+07:00' })], { mode: 'full' });
    const res = await api.sync(
      [
        directoryEntry('cb.login', { lastLoginAt: '2999-01-01T00:00:00Z' }),
        directoryEntry('cb.new', { createdAt: '2027-01-01T00:00:00+07:00' }),
        directoryEntry('cb.fine', { lastLoginAt: '2026-11-24T10:04:00+07:00' }),
      ],
      { mode: 'full' },
    );
    expect(res.body).toMatchObject({ outcome: 'applied', created: 1, removed: [] });
    expect(res.body.rejected).toEqual([
      { line: 1, field: 'lastLoginAt', message: expect.stringMatching(/^lastLoginAt: 2999-01-01T00:00:00.000Z is in the future/) },
      { line: 2, field: 'createdAt', message: expect.stringMatching(/^createdAt: 2026-12-31T17:00:00.000Z is in the future/) },
    ]);
    expect(await api.account('cb.login')).toMatchObject({ directoryLastLoginAt: '2026-08-20T02:00:00.000Z', lockDueOn: '2026-11-20' });
  });

  it('the migration puts right an account that took a future time before these rules: activity from its events up to now', async () => {
    await api.sync([directoryEntry('cb.poisoned', { lastLoginAt: '2026-08-20T09:00:00+07:00' })], { mode: 'full' });
    await api.ingestLogins([
      { accountId: 'cb.poisoned', at: '2026-11-24T09:00:00+07:00' },
      { accountId: 'cb.poisoned', at: '2999-01-01T00:00:00Z' },
    ]);
    // What the earlier code recorded: the future event as last activity, and a future sign-in from the directory.
    const dataSource = api.t.app.get(DataSource);
    await dataSource.query(
      `UPDATE account SET last_activity_at = '2999-01-01T00:00:00Z', directory_last_login_at = '2999-01-01T00:00:00Z' WHERE account_id = 'cb.poisoned'`,
    );
    const Migration = MIGRATIONS.find((m) => m.name === 'ForgetFutureAccountTimes1795508400001')!;
    const runner = dataSource.createQueryRunner();
    await new Migration().up(runner);
    await runner.release();

    expect(await api.account('cb.poisoned')).toMatchObject({
      lastActivityAt: '2026-11-24T02:00:00.000Z',
      directoryLastLoginAt: null,
      idleBasis: 'activity',
      lockDueOn: '2027-02-24',
    });
  });
});
