import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AccountCommandDelivery } from '@app/accounts';
import { AlertsService } from '@app/alerts';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { IngestService } from '@app/ingestion';
import { bearerFor, directoryOwnerKeyFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../utils/webhook-receiver';

const SAMPLE_CSV = readFileSync(join(CONTRACTS_SOURCE_DIR, 'examples', 'directory.sample.csv'), 'utf8');

describe('Accounts API', () => {
  // Close to the real time, so that ingested events are not taken for events from the future.
  const clock = new FixedClock(new Date(Date.now() - 3_600_000));
  let receiver: WebhookReceiver;
  let t: TestApp;
  let apiKey: string;
  let admin: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await bootTestApp({ ACCOUNT_COMMAND_WEBHOOK_URL: receiver.url, ACCOUNT_COMMAND_WEBHOOK_SECRET: 'a-webhook-secret-of-16+' }, { clock });
    apiKey = await directoryOwnerKeyFor(t.app, 'tthc-gateway');
    admin = await bearerFor(t.app, Role.ADMIN);
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const http = () => request(t.app.getHttpServer());

  it('a full CSV sync locks a transferred account within the same request; the gateway sees it at once', async () => {
    const res = await http().post('/v1/accounts/sync?mode=full').set('X-Api-Key', apiKey).set('Content-Type', 'text/csv').send(SAMPLE_CSV).expect(200);
    expect(res.body).toMatchObject({ mode: 'full', received: 3, created: 3, rejected: [] });
    expect(res.body.locked).toEqual([{ accountId: 'cb.xa12.lethic', reason: 'directory_status' }]);

    const status = await http().get('/v1/accounts/cb.xa12.lethic/status').set('X-Api-Key', apiKey).expect(200);
    expect(status.body).toMatchObject({ known: true, state: 'locked', mayUse: false, lockReason: 'directory_status' });
    const active = await http().get('/v1/accounts/cb.tuphap.nguyenvana/status').set('X-Api-Key', apiKey).expect(200);
    expect(active.body).toMatchObject({ state: 'active', mayUse: true });
    // Users who read accounts see the same answer (the route takes the key's sync permission or accounts:read).
    const reviewer = await bearerFor(t.app, Role.REVIEWER);
    const seen = await http().get('/v1/accounts/cb.xa12.lethic/status').set('Authorization', reviewer).expect(200);
    expect(seen.body).toMatchObject({ state: 'locked', mayUse: false });

    const history = await http().get('/v1/accounts/cb.xa12.lethic/history').set('Authorization', admin).expect(200);
    expect(history.body.map((e: { changeKind: string }) => e.changeKind)).toEqual(['locked', 'directory_created']);
    expect(history.body[0]).toMatchObject({ actor: 'producer:tthc-gateway', evidence: { directoryChange: { status: { after: 'transferred' } } } });

    const account = await http().get('/v1/accounts/svc.lgsp').set('Authorization', admin).expect(200);
    expect(account.body).toMatchObject({ accountType: 'service', unitName: 'Văn phòng UBND tỉnh', state: 'active' });

    // An admin's unlock stands: the same export again does not lock the account a second time.
    await http().post('/v1/accounts/cb.xa12.lethic/unlock').set('Authorization', admin).send({ reason: 'Được điều động lại' }).expect(200);
    const again = await http().post('/v1/accounts/sync?mode=full').set('X-Api-Key', apiKey).set('Content-Type', 'text/csv').send(SAMPLE_CSV).expect(200);
    expect(again.body).toMatchObject({ unchanged: 3, locked: [] });
  });

  it('rejects bad rows with line and reason and applies the rest; a later full export marks absent accounts removed', async () => {
    const ndjson = [
      JSON.stringify({ accountId: 'cb.a', unitCode: 'U1', status: 'active', office: 'P.201' }),
      '{not json',
      JSON.stringify({ accountId: 'cb.b', unitCode: 'U1', status: 'gone' }),
      JSON.stringify({ unitCode: 'U1', status: 'active' }),
    ].join('\n');
    const res = await http().post('/v1/accounts/sync').set('Authorization', admin).set('Content-Type', 'application/x-ndjson').send(ndjson).expect(200);
    expect(res.body).toMatchObject({ mode: 'delta', received: 4, created: 1 });
    expect(res.body.rejected).toEqual([
      { line: 2, message: 'not valid JSON' },
      { line: 3, field: 'status', message: 'status: must be one of active, transferred, retired, suspended' },
      { line: 4, field: 'accountId', message: 'accountId: is required' },
    ]);
    const a = await http().get('/v1/accounts/cb.a').set('Authorization', admin).expect(200);
    expect(a.body.extra).toEqual({ office: 'P.201' });

    const full = await http()
      .post('/v1/accounts/sync?mode=full')
      .set('X-Api-Key', apiKey)
      .send([{ accountId: 'cb.a', unitCode: 'U1', status: 'active', office: 'P.202' }])
      .expect(200);
    expect(full.body).toMatchObject({ updated: 1 });
    expect(full.body.removed).toEqual(expect.arrayContaining(['cb.tuphap.nguyenvana', 'svc.lgsp']));
    expect(full.body.locked).toEqual(expect.arrayContaining([{ accountId: 'svc.lgsp', reason: 'removed_from_directory' }]));
  });

  it('raises a critical alert when a locked account is used after the lock reached the TTHC system', async () => {
    await http().post('/v1/accounts/sync').set('X-Api-Key', apiKey).send([{ accountId: 'cb.leaver', unitCode: 'U2', status: 'active' }]).expect(200);
    await http().post('/v1/accounts/cb.leaver/lock').set('Authorization', admin).send({ reason: 'Nghỉ việc từ 01/11/2026' }).expect(200);
    await t.app.get(AccountCommandDelivery).deliverDue();
    const [command] = (await http().get('/v1/accounts/commands?accountId=cb.leaver').set('Authorization', admin).expect(200)).body;
    expect(command).toMatchObject({ action: 'lock', state: 'delivered' });

    const at = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();
    const events = [
      { eventId: 'leaver-1', occurredAt: at(5), result: 'success' },
      { eventId: 'leaver-2', occurredAt: at(6), result: 'denied' },
    ].map((e) => ({ schemaVersion: 1, accountId: 'cb.leaver', unitCode: 'U2', clientIp: '10.0.0.9', sourceSystem: 'tthc-gateway', action: 'lookup', subjectId: '001203004005', fields: ['fullName'], ...e }));
    const ingested = await t.app
      .get(IngestService)
      .ingest(events.map((payload, i) => ({ payload, position: { source: 'http', requestId: 'test', line: i + 1 } })), { source: 'http' });
    expect(ingested).toMatchObject({ accepted: 2, rejected: 0 });

    const alerts = await t.app.get(AlertsService).list({ type: 'locked_account_in_use', accountId: 'cb.leaver' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'critical', evidence: { eventIds: ['leaver-1'], eventCount: 1, lockCommandId: command.id } });
    expect(JSON.stringify(alerts[0])).not.toContain('001203004005');
  });

  it('unlocks only for an admin with a reason, with a fresh grace period and an unlock command', async () => {
    await http().post('/v1/accounts/sync').set('X-Api-Key', apiKey).send([{ accountId: 'cb.back', unitCode: 'U3', status: 'active' }]).expect(200);
    await http().post('/v1/accounts/cb.back/lock').set('Authorization', admin).send({ reason: 'Tạm khóa để kiểm tra' }).expect(200);
    const reviewer = await bearerFor(t.app, Role.REVIEWER);
    await http().post('/v1/accounts/cb.back/unlock').set('Authorization', reviewer).send({ reason: 'Đã kiểm tra xong' }).expect(403);
    await http().post('/v1/accounts/cb.back/unlock').set('Authorization', admin).send({}).expect(400);
    const res = await http().post('/v1/accounts/cb.back/unlock').set('Authorization', admin).send({ reason: 'Đã kiểm tra xong' }).expect(200);
    expect(res.body).toMatchObject({ state: 'active', commandId: expect.any(String) });

    const account = (await http().get('/v1/accounts/cb.back').set('Authorization', admin).expect(200)).body;
    expect(account).toMatchObject({ state: 'active', graceFrom: clock.now().toISOString() });
    const [unlock] = (await http().get('/v1/accounts/cb.back/history').set('Authorization', admin).expect(200)).body;
    expect(unlock).toMatchObject({ changeKind: 'unlocked', reason: 'Đã kiểm tra xong', actor: expect.stringMatching(/^user:/) });
    await http().post('/v1/accounts/cb.back/unlock').set('Authorization', admin).send({ reason: 'Đã kiểm tra xong' }).expect(409);
  });
});
