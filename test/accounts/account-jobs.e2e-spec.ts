import { SchedulerRegistry } from '@nestjs/schedule';
import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../utils/webhook-receiver';

describe('Account jobs', () => {
  const clock = new FixedClock(new Date('2026-11-24T00:30:00+07:00'));
  let receiver: WebhookReceiver;
  let t: TestApp;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await bootTestApp(
      // Logs known since 1 January 2026: an account created then and never used is idle.
      { ROLES: 'api,jobs', ACCOUNT_IDLE_LOCK_CRON: '0 15 1 * * *', ACCOUNT_COMMAND_WEBHOOK_URL: receiver.url, ACCOUNT_OBSERVATION_START: '2026-01-01T00:00:00+07:00' },
      { clock },
    );
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('schedules the idle lock at the configured time in Asia/Ho_Chi_Minh, and command delivery', () => {
    const scheduler = t.app.get(SchedulerRegistry);
    const job = scheduler.getCronJob('idle-account-lock');
    expect(job.cronTime.source).toBe('0 15 1 * * *');
    expect(job.cronTime.timeZone).toBe('Asia/Ho_Chi_Minh');
    // 01:15 in Ho Chi Minh City is 18:15 UTC the day before.
    expect(job.nextDate().toUTC().toFormat('HH:mm')).toBe('18:15');
    expect(scheduler.getIntervals()).toContain('account-command-delivery');
  });

  it('runs on demand for an admin, and not for a reviewer', async () => {
    const http = request(t.app.getHttpServer());
    const admin = await bearerFor(t.app, Role.ADMIN);
    await http
      .post('/v1/accounts/sync')
      .set('Authorization', admin)
      .send([{ accountId: 'cb.old', unitCode: 'U1', status: 'active', createdAt: '2026-01-05T08:00:00+07:00' }])
      .expect(200);
    await request(t.app.getHttpServer()).post('/v1/accounts/idle-lock/run').set('Authorization', await bearerFor(t.app, Role.REVIEWER)).expect(403);
    const run = await request(t.app.getHttpServer()).post('/v1/accounts/idle-lock/run').set('Authorization', admin).expect(200);
    expect(run.body).toMatchObject({ skipped: false, locked: ['cb.old'], ranAt: clock.now().toISOString() });
    const history = await request(t.app.getHttpServer()).get('/v1/accounts/cb.old/history').set('Authorization', admin).expect(200);
    expect(history.body[0]).toMatchObject({ changeKind: 'locked', actor: expect.stringMatching(/^user:t-admin-/) });
    await receiver.waitFor(1);
    expect(JSON.parse(receiver.requests[0].body)).toMatchObject({ accountId: 'cb.old', action: 'lock' });
  });
});
