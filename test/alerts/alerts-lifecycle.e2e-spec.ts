import { Role } from '@app/auth';
import { AlertsApi, bootAlertsApi, localDay } from './alerts.fixture';

describe('Alert lifecycle', () => {
  let api: AlertsApi;
  beforeAll(async () => (api = await bootAlertsApi('2026-11-15T08:00:00+07:00')));
  afterAll(() => api.close());

  it('open → acknowledged → resolved with an assignee and comments, each step logged with who and when', async () => {
    const { id } = await api.raise({ accountId: 'cb.xa12.lethic', unitCode: 'xa12', ...localDay('2026-11-14'), score: 8.4 });
    const reviewer = await api.as(Role.REVIEWER);
    const me = (await api.http().get('/v1/auth/me').set('Authorization', reviewer).expect(200)).body.user;
    const colleague = await api.as(Role.REVIEWER);
    const colleagueMe = (await api.http().get('/v1/auth/me').set('Authorization', colleague).expect(200)).body.user;
    const t0 = api.clock.now();

    const acked = await api.http().post(`/v1/alerts/${id}/acknowledge`).set('Authorization', reviewer).send({}).expect(200);
    expect(acked.body).toMatchObject({ id, status: 'acknowledged' });

    api.clock.advance(60_000);
    const assigned = await api.http().post(`/v1/alerts/${id}/assign`).set('Authorization', reviewer).send({ userId: colleagueMe.id }).expect(200);
    expect(assigned.body).toMatchObject({ assigneeId: colleagueMe.id, assigneeName: colleagueMe.username });

    api.clock.advance(60_000);
    await api.http().post(`/v1/alerts/${id}/comment`).set('Authorization', colleague).send({ text: 'Đã gọi cán bộ, đang chờ giải trình.' }).expect(200);

    api.clock.advance(60_000);
    const resolved = await api
      .http()
      .post(`/v1/alerts/${id}/resolve`)
      .set('Authorization', colleague)
      .send({ outcome: 'true_positive', comment: 'Tra cứu hộ người quen, đã lập biên bản.' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'true_positive' });

    const detail = (await api.http().get(`/v1/alerts/${id}`).set('Authorization', reviewer).expect(200)).body;
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000).toISOString();
    expect(detail.actions.map((a: Record<string, unknown>) => [a.action, a.actorName, a.at])).toEqual([
      ['raised', 'tthc-audit', at(0)],
      ['acknowledged', me.username, at(0)],
      ['assigned', me.username, at(1)],
      ['commented', colleagueMe.username, at(2)],
      ['resolved', colleagueMe.username, at(3)],
    ]);
    expect(detail.actions[1]).toMatchObject({ actorKind: 'user', actorId: me.id, details: { before: { status: 'open' }, after: { status: 'acknowledged' } } });
    expect(detail.actions[4].details).toMatchObject({ before: { status: 'acknowledged', outcome: null }, after: { status: 'resolved', outcome: 'true_positive' } });
    expect(detail.comments).toEqual([
      { at: at(2), actorName: colleagueMe.username, text: 'Đã gọi cán bộ, đang chờ giải trình.' },
      { at: at(3), actorName: colleagueMe.username, text: 'Tra cứu hộ người quen, đã lập biên bản.' },
    ]);

    // A resolved alert is resolved once; a reviewer reopens it with a reason, and may resolve it again.
    await api.http().post(`/v1/alerts/${id}/resolve`).set('Authorization', reviewer).send({ outcome: 'expected' }).expect(409);
    await api.http().post(`/v1/alerts/${id}/acknowledge`).set('Authorization', reviewer).send({}).expect(409);
    const reopened = await api.http().post(`/v1/alerts/${id}/reopen`).set('Authorization', reviewer).send({ reason: 'Cán bộ khiếu nại' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', outcome: null });
    await api.http().post(`/v1/alerts/${id}/reopen`).set('Authorization', reviewer).send({ reason: 'again' }).expect(409);
  });

  it('new evidence more severe than what was judged reopens a resolved alert; as severe keeps it resolved', async () => {
    const window = localDay('2026-11-10');
    const { id } = await api.raise({ accountId: 'cb.judged', ...window, severity: 'medium' });
    const reviewer = await api.as(Role.REVIEWER);
    await api.http().post(`/v1/alerts/${id}/resolve`).set('Authorization', reviewer).send({ outcome: 'expected' }).expect(200);

    expect(await api.raise({ accountId: 'cb.judged', ...window, severity: 'medium' })).toMatchObject({ id, status: 'resolved' });
    expect(await api.raise({ accountId: 'cb.judged', ...window, severity: 'critical' })).toMatchObject({ id, status: 'open' });
    const detail = (await api.http().get(`/v1/alerts/${id}`).set('Authorization', reviewer).expect(200)).body;
    expect(detail.actions.map((a: { action: string }) => a.action)).toEqual(['raised', 'resolved', 'updated', 'reopened']);
    expect(detail.actions[3].details).toMatchObject({ why: 'raised again with a higher severity than was judged', after: { status: 'open', severity: 'critical' } });
  });

  it('the action log refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { id } = await api.raise({ accountId: 'cb.tamper', ...localDay('2026-11-09') });
    await expect(api.sql(`UPDATE alert_action SET actor_name = 'someone else' WHERE alert_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(api.sql(`DELETE FROM alert_action WHERE alert_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(api.sql(`TRUNCATE alert_action CASCADE`)).rejects.toThrow(/append-only/);
    expect(await api.sql(`SELECT action FROM alert_action WHERE alert_id = $1`, [id])).toEqual([{ action: 'raised' }]);
  });

  it('refuses an assignee who may not triage, unknown alerts, and bad input, naming the field', async () => {
    const { id } = await api.raise({ accountId: 'cb.input', ...localDay('2026-11-08') });
    const admin = await api.as(Role.ADMIN);
    const auditor = await api.as(Role.AUDITOR);
    const auditorMe = (await api.http().get('/v1/auth/me').set('Authorization', auditor).expect(200)).body.user;
    const refused = await api.http().post(`/v1/alerts/${id}/assign`).set('Authorization', admin).send({ userId: auditorMe.id }).expect(400);
    expect(JSON.stringify(refused.body)).toContain('alerts:triage');
    await api.http().post(`/v1/alerts/999999/acknowledge`).set('Authorization', admin).send({}).expect(404);
    await api.http().get(`/v1/alerts/not-an-id`).set('Authorization', admin).expect(400);
    await api.http().post(`/v1/alerts/${id}/resolve`).set('Authorization', admin).send({ outcome: 'maybe' }).expect(400);
    await api.http().post(`/v1/alerts/${id}/comment`).set('Authorization', admin).send({ text: '' }).expect(400);
    // An auditor reads no alerts; an operator neither.
    await api.http().get('/v1/alerts').set('Authorization', auditor).expect(403);
    await api.http().post(`/v1/alerts/${id}/acknowledge`).set('Authorization', await api.as(Role.OPERATOR)).send({}).expect(403);
  });
});
