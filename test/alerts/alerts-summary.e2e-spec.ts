import { Role } from '@app/auth';
import { AlertsApi, bootAlertsApi, localDay } from './alerts.fixture';

describe('Alert summary (the console overview)', () => {
  let api: AlertsApi;
  afterAll(() => api.close());

  it('counts the waiting alerts (open or acknowledged) by severity and type, and every alert by status', async () => {
    api = await bootAlertsApi();
    const reviewer = await api.as(Role.REVIEWER);
    const raised = [
      await api.raise({ type: 'volume_own_baseline', severity: 'high', accountId: 'cb.a', ...localDay('2026-11-10') }),
      await api.raise({ type: 'volume_own_baseline', severity: 'critical', accountId: 'cb.b', ...localDay('2026-11-10') }),
      await api.raise({ type: 'locked_account_in_use', severity: 'critical', accountId: 'cb.c', ...localDay('2026-11-11') }),
      await api.raise({ type: 'volume_peers', severity: 'medium', accountId: 'cb.d', ...localDay('2026-11-12') }),
    ];
    await api.http().post(`/v1/alerts/${raised[1].id}/acknowledge`).set('Authorization', reviewer).send({}).expect(200);
    await api.http().post(`/v1/alerts/${raised[3].id}/resolve`).set('Authorization', reviewer).send({ outcome: 'expected' }).expect(200);

    const summary = await api.http().get('/v1/alerts/summary').set('Authorization', reviewer).expect(200);
    expect(summary.body).toEqual({
      open: 3,
      openBySeverity: { high: 1, critical: 2 },
      openByType: { volume_own_baseline: 2, locked_account_in_use: 1 },
      byStatus: { open: 2, acknowledged: 1, resolved: 1 },
    });
    await api.http().get('/v1/alerts/summary').set('Authorization', await api.as(Role.OPERATOR)).expect(403);
    await api.http().get('/v1/alerts/summary').expect(401);
  });
});
