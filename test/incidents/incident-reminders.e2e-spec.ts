import { SchedulerRegistry } from '@nestjs/schedule';
import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { IncidentReminderService } from '@app/incidents';
import { sql } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { startSmtpServer, TestSmtpServer } from '../utils/smtp-server';
import { bootTestApp, TestApp } from '../utils/test-app';
import { completed, HOUR, latestNotice, openIncident, server } from './incidents.fixture';

/** The raw message's subject, decoded (nodemailer encodes non-ASCII subjects as RFC 2047 words). */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)![1].replace(/\r?\n[ \t]/g, ' ');
  return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

/**
 * Reminders before the 72-hour deadline at INCIDENT_REMINDER_HOURS, mailed through a real SMTP server to the
 * assignees, each once, with the clock moved; then the late marking, and the reason the notice must then give.
 */
describe('Incident reminders and late marking', () => {
  const clock = new FixedClock(new Date('2026-12-02T01:00:00Z'));
  let smtp: TestSmtpServer;
  let sut: TestApp;
  /** A fresh admin token: the clock moves past an access token's lifetime. */
  const admin = () => bearerFor(sut.app, Role.ADMIN);
  let reminders: IncidentReminderService;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sut = await bootTestApp({ SMTP_URL: smtp.url, INCIDENT_REMINDER_HOURS: '48,24,6,1' }, { clock });
    reminders = sut.app.get(IncidentReminderService);
  }, 120_000);
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  it('mails each offset once to the assignees, the nearest only when several fall due together, then marks the incident late', async () => {
    const start = clock.now();
    const incident = await openIncident(sut.app, await admin(), { title: 'Lộ dữ liệu qua tài khoản dùng chung', assignees: ['dpo@example.gov.vn', 'chanh.vp@example.gov.vn'] });
    const at = (hoursAfterDiscovery: number) => clock.set(new Date(start.getTime() + hoursAfterDiscovery * HOUR));

    expect(await reminders.run()).toEqual({ reminded: 0, markedLate: 0 });
    at(23.9);
    expect((await reminders.run()).reminded).toBe(0);
    at(24);
    expect((await reminders.run()).reminded).toBe(1);
    const [first] = await smtp.waitFor(1);
    expect(first.to.sort()).toEqual(['chanh.vp@example.gov.vn', 'dpo@example.gov.vn']);
    expect(subjectOf(first.raw)).toBe(`[Sự cố #${incident.id}] Còn 48 giờ đến hạn thông báo vi phạm dữ liệu cá nhân`);
    at(30);
    expect((await reminders.run()).reminded).toBe(0);
    // Two replicas ticking at once send it once.
    at(48.5);
    const both = await Promise.all([reminders.run(), reminders.run()]);
    expect(both.map((r) => r.reminded).sort()).toEqual([0, 1]);
    await smtp.waitFor(2);
    expect(subjectOf(smtp.messages[1].raw)).toContain('Còn 23 giờ 30 phút');
    // The service was down from 48.5 h to 71.5 h: the 6-hour reminder is claimed but only the 1-hour one is mailed.
    at(71.5);
    expect((await reminders.run()).reminded).toBe(1);
    await smtp.waitFor(3);
    expect(subjectOf(smtp.messages[2].raw)).toContain('Còn 30 phút');
    expect(await reminders.run()).toEqual({ reminded: 0, markedLate: 0 });
    expect(smtp.messages).toHaveLength(3);

    const before = await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', await admin()).expect(200);
    expect(before.body.reminders).toEqual([
      expect.objectContaining({ hoursBefore: 48, outcome: 'sent' }),
      expect.objectContaining({ hoursBefore: 24, outcome: 'sent' }),
      expect.objectContaining({ hoursBefore: 6, outcome: 'skipped' }),
      expect.objectContaining({ hoursBefore: 1, outcome: 'sent' }),
    ]);
    expect(before.body.late).toBe(false);

    at(72.01);
    expect(await reminders.run()).toEqual({ reminded: 0, markedLate: 1 });
    expect(await reminders.run()).toEqual({ reminded: 0, markedLate: 0 });
    await smtp.waitFor(4);
    expect(subjectOf(smtp.messages[3].raw)).toBe(`[Sự cố #${incident.id}] Đã quá hạn 72 giờ thông báo vi phạm dữ liệu cá nhân`);
    const after = await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', await admin()).expect(200);
    expect(after.body).toEqual(expect.objectContaining({ late: true, lateMarkedAt: clock.now().toISOString(), status: 'open' }));
    const log = await sql<{ type: string; actor_kind: string }>(sut.db.url, `SELECT type, actor_kind FROM security_event WHERE target = $1 AND actor_kind = 'system' ORDER BY id`, [
      `incident:${incident.id}`,
    ]);
    expect(log.map((r) => r.type)).toEqual(['incident.reminded', 'incident.reminded', 'incident.reminded', 'incident.late']);
  });

  it('asks the late notice for the reason of the delay before it can be finalised', async () => {
    const incident = await openIncident(sut.app, await admin(), { title: 'Báo muộn', discoveredAt: new Date(clock.now().getTime() - 73 * HOUR).toISOString() });
    const { content } = await latestNotice(sut.app, await admin(), incident.id);
    const full = completed(content);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/versions`).set('Authorization', await admin()).send({ content: { ...full, lateReason: null } }).expect(201);
    const refused = await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/finalise`).set('Authorization', await admin()).send({}).expect(400);
    expect(refused.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'lateReason' })]));
    await request(server(sut.app))
      .post(`/v1/incidents/${incident.id}/notice/versions`)
      .set('Authorization', await admin())
      .send({ content: { ...full, lateReason: 'Sự cố được phát hiện vào ngày nghỉ lễ; cần thời gian xác minh phạm vi.' } })
      .expect(201);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/finalise`).set('Authorization', await admin()).send({}).expect(200);
  });

  it('is scheduled on the replicas with the jobs role only', async () => {
    const jobs = await bootTestApp({ ROLES: 'jobs', SMTP_URL: smtp.url }, { db: sut.db, clock });
    try {
      expect(jobs.app.get(SchedulerRegistry).getIntervals()).toContain('incident-reminders');
    } finally {
      await jobs.close();
    }
    expect(() => sut.app.get(SchedulerRegistry)).toThrow();
  });

  it('sends no reminder for a notified incident and does not mark it late', async () => {
    const incident = await openIncident(sut.app, await admin(), { title: 'Đã báo', assignees: ['x@example.gov.vn'], discoveredAt: new Date(clock.now().getTime() - HOUR).toISOString() });
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/sending`).set('Authorization', await admin()).send({ at: clock.now().toISOString(), channel: 'email', recipient: 'A05' }).expect(201);
    const sent = smtp.messages.length;
    clock.advance(80 * HOUR);
    await reminders.run();
    expect(smtp.messages.length).toBe(sent);
    const shown = await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', await admin()).expect(200);
    expect(shown.body).toEqual(expect.objectContaining({ late: false, lateMarkedAt: null, reminders: [] }));
  });

  it('claims a reminder as pending before its mail leaves, and reports a claim left pending 10 minutes as failed', async () => {
    const incident = await openIncident(sut.app, await admin(), { title: 'Dừng khi gửi', assignees: ['dpo@example.gov.vn'], discoveredAt: clock.now().toISOString() });
    const claim = (hoursBefore: number, minutesAgo: number) =>
      sql(sut.db.url, `INSERT INTO incident_reminder (incident_id, hours_before, sent_at, recipients, outcome) VALUES ($1, $2, $3, '{}', 'pending')`, [
        incident.id,
        hoursBefore,
        new Date(clock.now().getTime() - minutesAgo * 60_000),
      ]);
    // The way the service claims it: the mail has not left yet.
    await claim(48, 11);
    await claim(24, 2);
    const shown = await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', await admin()).expect(200);
    expect(shown.body.reminders).toEqual([
      expect.objectContaining({ hoursBefore: 48, outcome: 'failed' }),
      expect.objectContaining({ hoursBefore: 24, outcome: 'pending' }),
    ]);
    // The claims the job makes itself take their outcome once the mail is sent.
    clock.advance(66 * HOUR);
    expect((await reminders.run()).reminded).toBe(1);
    const [{ outcome }] = await sql<{ outcome: string }>(sut.db.url, `SELECT outcome FROM incident_reminder WHERE incident_id = $1 AND hours_before = 6`, [incident.id]);
    expect(outcome).toBe('sent');
  });
});
