import { Role } from '@app/auth';
import { AlertsApi, bootAlertsApi, DAY_MS, localDay } from './alerts.fixture';

describe('Alert suppressions', () => {
  let api: AlertsApi;
  beforeEach(async () => (api = await bootAlertsApi('2026-11-15T09:00:00+07:00')));
  afterEach(() => api.close());

  const queueIds = async (auth: string, query = '') =>
    (await api.http().get(`/v1/alerts${query}`).set('Authorization', auth).expect(200)).body.items.map((a: { id: string }) => a.id);

  it('keeps alerts raised within its scope out of the queue, counted, until it expires by itself', async () => {
    const admin = await api.as(Role.ADMIN);
    const created = await api
      .http()
      .post('/v1/alerts/suppressions')
      .set('Authorization', admin)
      .send({ reason: 'Đợt cấp đổi CCCD tại xã 12', unitCode: 'xa12', type: 'subject_volume', validUntil: '2026-11-18T00:00:00+07:00' })
      .expect(201);
    expect(created.body).toMatchObject({ active: true, unitCode: 'xa12', type: 'subject_volume', accountId: null, approvedByName: expect.stringMatching(/^t-admin-/) });

    const covered = await api.raise({ accountId: 'cb.xa12.a', unitCode: 'xa12', ...localDay('2026-11-14') });
    const otherUnit = await api.raise({ accountId: 'cb.xa13.a', unitCode: 'xa13', ...localDay('2026-11-14') });
    const otherType = await api.raise({ type: 'export_size', accountId: 'cb.xa12.b', unitCode: 'xa12', ...localDay('2026-11-14') });
    expect(covered.status).toBe('suppressed');
    expect([otherUnit.status, otherType.status]).toEqual(['open', 'open']);

    const reviewer = await api.as(Role.REVIEWER);
    expect((await queueIds(reviewer)).sort()).toEqual([otherUnit.id, otherType.id].sort());
    expect(await queueIds(reviewer, '?status=open')).not.toContain(covered.id);
    expect(await queueIds(reviewer, '?status=suppressed')).toEqual([covered.id]);
    const listed = (await api.http().get('/v1/alerts/suppressions').set('Authorization', admin).expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: created.body.id, alertsCovered: 1, active: true })]);

    // Three days later it has expired: no job ran, and the same scope raises open alerts again.
    api.clock.advance(3 * DAY_MS);
    const after = await api.raise({ accountId: 'cb.xa12.a', unitCode: 'xa12', ...localDay('2026-11-17') });
    expect(after).toMatchObject({ created: true, status: 'open' });
    // New evidence for the suppressed window, now that nothing covers it, brings that alert into the queue.
    expect(await api.raise({ accountId: 'cb.xa12.a', unitCode: 'xa12', ...localDay('2026-11-14') })).toMatchObject({ id: covered.id, status: 'open' });
    const later = await api.as(Role.ADMIN);
    expect((await api.http().get(`/v1/alerts/suppressions/${created.body.id}`).set('Authorization', later).expect(200)).body).toMatchObject({ active: false });
    expect((await api.http().get('/v1/alerts/suppressions?active=true').set('Authorization', later).expect(200)).body).toEqual([]);
  });

  it('matches an account among several, and a source system; revocation ends it at once; both are in its history', async () => {
    const admin = await api.as(Role.ADMIN);
    const byAccount = (await api.http().post('/v1/alerts/suppressions').set('Authorization', admin)
      .send({ reason: 'Cán bộ được giao rà soát hồ sơ tồn', accountId: 'cb.ba', validUntil: '2026-12-01T00:00:00Z' }).expect(201)).body;
    const bySystem = (await api.http().post('/v1/alerts/suppressions').set('Authorization', admin)
      .send({ reason: 'iGate chuyển đổi dữ liệu', sourceSystem: 'igate', validUntil: '2026-12-01T00:00:00Z' }).expect(201)).body;

    expect((await api.raise({ type: 'shared_subjects', accountIds: ['cb.an', 'cb.ba'], ...localDay('2026-11-14') })).status).toBe('suppressed');
    expect((await api.raise({ accountId: 'cb.chi', sourceSystems: ['igate'], ...localDay('2026-11-14') })).status).toBe('suppressed');
    expect((await api.raise({ accountId: 'cb.chi', sourceSystems: ['dvc-buudien'], ...localDay('2026-11-13') })).status).toBe('open');

    const revoked = await api.http().post(`/v1/alerts/suppressions/${byAccount.id}/revoke`).set('Authorization', admin).send({ reason: 'Đã rà soát xong' }).expect(200);
    expect(revoked.body).toMatchObject({ active: false, revokeReason: 'Đã rà soát xong', revokedByName: byAccount.approvedByName });
    await api.http().post(`/v1/alerts/suppressions/${byAccount.id}/revoke`).set('Authorization', admin).send({ reason: 'again' }).expect(409);
    expect((await api.raise({ accountId: 'cb.ba', ...localDay('2026-11-12') })).status).toBe('open');

    const history = (await api.http().get(`/v1/alerts/suppressions/${byAccount.id}`).set('Authorization', admin).expect(200)).body;
    // Its history: created, the alert it kept out of the queue, revoked.
    expect(history.actions.map((a: { action: string; actorName: string }) => [a.action, a.actorName])).toEqual([
      ['suppression_created', byAccount.approvedByName],
      ['suppressed', 'tthc-audit'],
      ['suppression_revoked', byAccount.approvedByName],
    ]);
    const suppressedActions = await api.sql(`SELECT action FROM alert_action WHERE suppression_id = $1 AND alert_id IS NOT NULL`, [bySystem.id]);
    expect(suppressedActions).toEqual([{ action: 'suppressed' }]);
  });

  it('a reviewer triages but may not see, create or revoke suppressions (403)', async () => {
    const reviewer = await api.as(Role.REVIEWER);
    const { id } = await api.raise({ accountId: 'cb.r', ...localDay('2026-11-14') });
    await api.http().post(`/v1/alerts/${id}/acknowledge`).set('Authorization', reviewer).send({}).expect(200);
    await api.http().post('/v1/alerts/suppressions').set('Authorization', reviewer).send({ reason: 'mine', accountId: 'cb.r', validUntil: '2026-12-01T00:00:00Z' }).expect(403);
    await api.http().get('/v1/alerts/suppressions').set('Authorization', reviewer).expect(403);
    await api.http().post('/v1/alerts/suppressions/1/revoke').set('Authorization', reviewer).send({ reason: 'mine' }).expect(403);
  });

  it('refuses a suppression of everything, without an expiry, or longer than a year', async () => {
    const admin = await api.as(Role.ADMIN);
    const post = (body: Record<string, unknown>) => api.http().post('/v1/alerts/suppressions').set('Authorization', admin).send(body);
    expect(JSON.stringify((await post({ reason: 'all of it', validUntil: '2026-12-01T00:00:00Z' }).expect(400)).body)).toContain('at least one of');
    await post({ reason: 'forever', unitCode: 'xa12' }).expect(400);
    expect(JSON.stringify((await post({ reason: 'too long', unitCode: 'xa12', validUntil: '2027-12-01T00:00:00Z' }).expect(400)).body)).toContain('366 days');
    await post({ reason: 'past', unitCode: 'xa12', validUntil: '2026-11-01T00:00:00Z' }).expect(400);
  });
});
