import { FixedClock } from '@app/common';
import { sql } from '../ingestion/ingest.fixture';
import { startWebhookReceiver, WebhookReceiver } from '../utils/webhook-receiver';
import { AccountsApi, bootAccountsApi, directoryEntry } from './accounts-http.fixture';

/**
 * Officials' ID numbers are personal data too: typed into a directory column or a reason, they are masked before
 * they are kept, shown to reviewers or sent to the TTHC system. (Made-up numbers, in the shape of a CCCD.)
 */
describe('Personal IDs in the directory and in typed reasons', () => {
  const ids = ['001234567890', '0012 3456 7891', '001-234-567-892', '079123456783'];
  let receiver: WebhookReceiver;
  let api: AccountsApi;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-24T10:00:00+07:00')), {
      ACCOUNT_COMMAND_WEBHOOK_URL: receiver.url,
      ACCOUNT_COMMAND_WEBHOOK_SECRET: 'a-webhook-secret-of-16+',
    });
  });

  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  const get = async (path: string) => (await api.http().get(path).set('Authorization', await api.admin()).expect(200)).body;
  const post = async (path: string, body: object) =>
    (await api.http().post(path).set('Authorization', await api.admin()).send(body).expect((r) => expect(r.status).toBeLessThan(300))).body;
  const expectNoId = (what: unknown) => {
    const text = JSON.stringify(what);
    for (const id of ids) expect(text).not.toContain(id);
  };

  it('an extra column cccd of the directory is masked before it is stored, shown or kept in the history', async () => {
    const csv = `accountId,unitCode,status,cccd,ghiChu\ncb.cccd,U1,active,${ids[0]},"CCCD cũ ${ids[1]}"\n`;
    await api.http().post('/v1/accounts/sync').set('X-Api-Key', api.apiKey).set('Content-Type', 'text/csv').send(csv).expect(200);

    const account = await get('/v1/accounts/cb.cccd');
    expect(account.extra).toEqual({ cccd: '************', ghiChu: 'CCCD cũ **** **** ****' });
    const history = await get('/v1/accounts/cb.cccd/history');
    expect(history[0]).toMatchObject({ changeKind: 'directory_created', after: { extra: account.extra } });
    expectNoId([account, history, await get('/v1/accounts?search=cb.cccd')]);
    // The same export again is no change: the masked value is what is compared.
    const again = await api.http().post('/v1/accounts/sync').set('X-Api-Key', api.apiKey).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(again.body).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it('an ID typed into a lock, unlock or exemption reason is masked in the history, the exemption and the commands sent', async () => {
    await api.sync([directoryEntry('cb.reason')]);
    await post('/v1/accounts/cb.reason/lock', { reason: `Khóa theo đơn phản ánh của công dân CCCD ${ids[0]}` });
    await post('/v1/accounts/cb.reason/unlock', { reason: `Đã xác minh với người có CCCD ${ids[2]}` });
    const exemption = await post('/v1/accounts/cb.reason/exemptions', {
      kind: 'leave',
      reason: `Nghỉ phép, đơn kèm CCCD ${ids[1]}`,
      approver: `Giám đốc Sở (CCCD ${ids[3]})`,
      validUntil: '2027-03-31T00:00:00+07:00',
    });
    await post(`/v1/accounts/cb.reason/exemptions/${exemption.id}/revoke`, { reason: `Hủy theo yêu cầu, CCCD ${ids[0]}` });

    const history = await get('/v1/accounts/cb.reason/history');
    expect(history.map((h: { reason: string }) => h.reason)).toEqual([
      'Hủy theo yêu cầu, CCCD ************',
      'Nghỉ phép, đơn kèm CCCD **** **** ****',
      'Đã xác minh với người có CCCD ***-***-***-***',
      'Khóa theo đơn phản ánh của công dân CCCD ************',
      null,
    ]);
    const exemptions = await get('/v1/accounts/cb.reason/exemptions');
    expect(exemptions[0]).toMatchObject({ reason: 'Nghỉ phép, đơn kèm CCCD **** **** ****', approver: 'Giám đốc Sở (CCCD ************)' });
    const commands = await get('/v1/accounts/commands?accountId=cb.reason');
    expect(commands.map((c: { action: string; reason: string }) => [c.action, c.reason]).sort()).toEqual([
      ['lock', 'manual: Khóa theo đơn phản ánh của công dân CCCD ************'],
      ['unlock', 'Đã xác minh với người có CCCD ***-***-***-***'],
    ]);

    const sent = await receiver.waitFor(2);
    expect(sent.map((r) => JSON.parse(r.body).reason)).toEqual([
      'manual: Khóa theo đơn phản ánh của công dân CCCD ************',
      'Đã xác minh với người có CCCD ***-***-***-***',
    ]);
    expectNoId([history, exemptions, commands, sent.map((r) => r.body)]);
    const stored = await sql(
      api.t.db.url,
      `SELECT (SELECT json_agg(a) FROM account a) AS accounts, (SELECT json_agg(h) FROM account_history h) AS history,
              (SELECT json_agg(x) FROM account_exemption x) AS exemptions, (SELECT json_agg(c) FROM account_command c) AS commands`,
    );
    expectNoId(stored);
  });
});
