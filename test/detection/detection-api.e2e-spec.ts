import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { UnitNetworks, WorkingCalendar } from '@app/detection';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';

const at = (local: string) => new Date(`${local}+07:00`);

describe('Detection calendar, working hours and networks API', () => {
  const clock = new FixedClock(new Date('2026-01-05T03:00:00Z'));
  let t: TestApp;
  let admin: string;
  let reviewer: string;

  beforeAll(async () => {
    t = await bootTestApp({}, { clock });
    admin = await bearerFor(t.app, Role.ADMIN);
    reviewer = await bearerFor(t.app, Role.REVIEWER);
  });

  afterAll(async () => {
    await t?.close();
  });

  const http = () => request(t.app.getHttpServer());

  it('lists the computed holidays of a year, then a declared make-up Saturday and swapped day, with who and why', async () => {
    const before = await http().get('/v1/detection/calendar/days?year=2026').set('Authorization', reviewer).expect(200);
    expect(before.body.days).toContainEqual({ day: '2026-04-27', kind: 'day_off', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', source: 'rule' });
    expect(before.body.days.filter((d: { name: string }) => d.name === 'Tết Nguyên Đán').map((d: { day: string }) => d.day)).toEqual([
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
    ]);

    await http()
      .put('/v1/detection/calendar/days/2026-02-14')
      .set('Authorization', admin)
      .send({ kind: 'day_off', name: 'Nghỉ Tết (hoán đổi)', reason: 'Lịch nghỉ Tết 2026 của Chính phủ' })
      .expect(200);
    const put = await http()
      .put('/v1/detection/calendar/days/2026-02-28')
      .set('Authorization', admin)
      .send({ kind: 'working', name: 'Làm bù', reason: 'Làm bù cho ngày 14/2' })
      .expect(200);
    expect(put.body).toMatchObject({ day: '2026-02-28', kind: 'working', source: 'admin', updatedBy: expect.stringMatching(/^user:/) });

    const after = await http().get('/v1/detection/calendar/days?year=2026').set('Authorization', reviewer).expect(200);
    expect(after.body.days).toContainEqual(expect.objectContaining({ day: '2026-02-28', kind: 'working', source: 'admin', reason: 'Làm bù cho ngày 14/2' }));
    expect(after.body.changes.map((c: { day: string; action: string }) => `${c.action} ${c.day}`)).toEqual(['put 2026-02-14', 'put 2026-02-28']);

    // The classifier sees the change at once on this replica.
    const calendar = t.app.get(WorkingCalendar);
    expect(calendar.classify('ANY', at('2026-02-28T09:00:00'))).toMatchObject({ workingDay: true, offHours: false });
    expect(calendar.classify('ANY', at('2026-02-14T09:00:00'))).toMatchObject({ reason: 'holiday', holiday: 'Nghỉ Tết (hoán đổi)' });

    await http().delete('/v1/detection/calendar/days/2026-02-28?reason=Nh%E1%BA%ADp%20nh%E1%BA%A7m').set('Authorization', admin).expect(204);
    expect(calendar.classify('ANY', at('2026-02-28T09:00:00'))).toMatchObject({ workingDay: false, reason: 'saturday' });
    const log = await http().get('/v1/detection/calendar/days?year=2026').set('Authorization', reviewer).expect(200);
    expect(log.body.changes.at(-1)).toMatchObject({ day: '2026-02-28', action: 'delete', reason: 'Nhập nhầm' });
    await http().delete('/v1/detection/calendar/days/2026-02-28?reason=again').set('Authorization', admin).expect(404);
  });

  it('refuses a bad date, a missing reason and an unknown kind, saying which field', async () => {
    const bad = await http().put('/v1/detection/calendar/days/2026-02-30').set('Authorization', admin).send({ kind: 'day_off', name: 'x', reason: 'why not' }).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'day' })]);
    await http().put('/v1/detection/calendar/days/2026-03-02').set('Authorization', admin).send({ kind: 'day_off', name: 'x' }).expect(400);
    await http().put('/v1/detection/calendar/days/2026-03-02').set('Authorization', admin).send({ kind: 'holiday', name: 'x', reason: 'why not' }).expect(400);
    await http().delete('/v1/detection/calendar/days/2026-03-02').set('Authorization', admin).expect(400);
  });

  it('sets a commune to Saturday mornings by kind, and a department to its own hours', async () => {
    const initial = await http().get('/v1/detection/units/XA.12/working-hours').set('Authorization', reviewer).expect(200);
    expect(initial.body).toMatchObject({ unitCode: 'XA.12', source: 'default', updatedBy: null });
    expect(initial.body.schedule.sat).toBeUndefined();

    const kind = await http()
      .put('/v1/detection/units/XA.12/working-hours')
      .set('Authorization', admin)
      .send({ unitKind: 'one_stop_saturday', reason: 'Tiếp nhận hồ sơ sáng thứ Bảy' })
      .expect(200);
    expect(kind.body).toMatchObject({ source: 'unit_kind', unitKind: 'one_stop_saturday', reason: 'Tiếp nhận hồ sơ sáng thứ Bảy' });
    expect(kind.body.schedule.sat).toEqual(['07:30-11:30']);
    expect(t.app.get(WorkingCalendar).classify('XA.12', at('2026-01-10T09:00:00'))).toMatchObject({ workingDay: true, offHours: false });

    const own = await http()
      .put('/v1/detection/units/SO.TP/working-hours')
      .set('Authorization', admin)
      .send({ schedule: { mon: ['08:00-12:00', '13:00-17:00'], tue: ['08:00-12:00'] } })
      .expect(200);
    expect(own.body).toMatchObject({ source: 'unit', unitKind: null, schedule: { mon: ['08:00-12:00', '13:00-17:00'], tue: ['08:00-12:00'] } });
    expect(t.app.get(WorkingCalendar).classify('SO.TP', at('2026-01-06T14:00:00'))).toMatchObject({ offHours: true, reason: 'outside_hours' });
  });

  it("changes a kind's hours for its units, sends a unit back to the default, and logs each change", async () => {
    await http().put('/v1/detection/units/XA.20/working-hours').set('Authorization', admin).send({ unitKind: 'post_office' }).expect(200);
    const kind = await http()
      .put('/v1/detection/unit-kinds/post_office/working-hours')
      .set('Authorization', admin)
      .send({ schedule: { mon: ['07:00-19:00'], sat: ['07:00-12:00'] }, reason: 'Giờ mở cửa mới' })
      .expect(200);
    expect(kind.body).toEqual({ unitKind: 'post_office', source: 'admin', schedule: { mon: ['07:00-19:00'], sat: ['07:00-12:00'] } });
    expect(t.app.get(WorkingCalendar).classify('XA.20', at('2026-01-05T18:30:00'))).toMatchObject({ offHours: false }); // Monday
    const kinds = await http().get('/v1/detection/unit-kinds/working-hours').set('Authorization', reviewer).expect(200);
    expect(kinds.body).toContainEqual(expect.objectContaining({ unitKind: 'one_stop_saturday', source: 'config' }));
    await http().put('/v1/detection/unit-kinds/post_office/working-hours').set('Authorization', reviewer).send({ schedule: { mon: ['07:00-19:00'] } }).expect(403);

    await http().delete('/v1/detection/units/XA.20/working-hours?reason=S%C3%A1p%20nh%E1%BA%ADp').set('Authorization', admin).expect(204);
    const back = await http().get('/v1/detection/units/XA.20/working-hours').set('Authorization', reviewer).expect(200);
    expect(back.body).toMatchObject({ source: 'default', unitKind: null });
    expect(back.body.changes.map((c: { action: string; unitKind: string | null; reason: string | null }) => [c.action, c.unitKind, c.reason])).toEqual([
      ['put', 'post_office', null],
      ['delete', null, 'Sáp nhập'],
    ]);
    await http().delete('/v1/detection/units/XA.20/working-hours?reason=again').set('Authorization', admin).expect(404);
  });

  it('refuses an unknown kind, both a kind and a schedule, and periods that overlap or are malformed', async () => {
    const unknown = await http().put('/v1/detection/units/XA.13/working-hours').set('Authorization', admin).send({ unitKind: 'moon_base' }).expect(400);
    expect(unknown.body.error.details[0].message).toContain('one_stop_saturday');
    await http().put('/v1/detection/units/XA.13/working-hours').set('Authorization', admin).send({ unitKind: 'post_office', schedule: { mon: ['08:00-12:00'] } }).expect(400);
    await http().put('/v1/detection/units/XA.13/working-hours').set('Authorization', admin).send({ schedule: { mon: ['8h-12h'] } }).expect(400);
    const overlap = await http().put('/v1/detection/units/XA.13/working-hours').set('Authorization', admin).send({ schedule: { mon: ['08:00-12:00', '11:00-17:00'] } }).expect(400);
    expect(overlap.body.error.details[0]).toMatchObject({ field: 'schedule.mon', message: expect.stringContaining('overlaps') });
    await http().put('/v1/detection/units/XA.13/working-hours').set('Authorization', admin).send({ schedule: { monday: ['08:00-12:00'] } }).expect(400);
  });

  it("replaces a unit's networks (IPv4 and IPv6), and the matcher answers at once", async () => {
    const put = await http()
      .put('/v1/detection/units/H56.01/networks')
      .set('Authorization', admin)
      .send({ networks: [{ cidr: '10.12.0.0/16', label: 'LAN' }, { cidr: '2001:0db8:0012::/48' }, { cidr: '203.0.113.7' }] })
      .expect(200);
    expect(put.body.map((n: { cidr: string }) => n.cidr).sort()).toEqual(['10.12.0.0/16', '2001:db8:12::/48', '203.0.113.7/32']);
    const matcher = t.app.get(UnitNetworks);
    expect(matcher.contains('H56.01', '10.12.9.9')).toBe(true);
    expect(matcher.contains('H56.01', '2001:db8:12::5')).toBe(true);
    expect(matcher.contains('H56.01', '10.13.0.1')).toBe(false);

    const got = await http().get('/v1/detection/units/H56.01/networks').set('Authorization', reviewer).expect(200);
    expect(got.body).toContainEqual(expect.objectContaining({ unitCode: 'H56.01', cidr: '10.12.0.0/16', label: 'LAN' }));

    const bad = await http()
      .put('/v1/detection/units/H56.01/networks')
      .set('Authorization', admin)
      .send({ networks: [{ cidr: '10.12.3.4/16' }, { cidr: 'intranet' }] })
      .expect(400);
    expect(bad.body.error.details).toEqual([
      { field: 'networks[0].cidr', message: expect.stringContaining('the network is 10.12.0.0/16') },
      { field: 'networks[1].cidr', message: expect.stringContaining('is not an IPv4 or IPv6 network') },
    ]);
    expect(matcher.contains('H56.01', '10.12.9.9')).toBe(true); // nothing changed

    await http().put('/v1/detection/units/H56.01/networks').set('Authorization', admin).send({ networks: [] }).expect(200);
    expect(matcher.hasNetworks('H56.01')).toBe(false);
  });

  it('lets a reviewer read but not write (403), and nobody in without a token (401)', async () => {
    await http().put('/v1/detection/calendar/days/2026-03-02').set('Authorization', reviewer).send({ kind: 'day_off', name: 'x', reason: 'why not' }).expect(403);
    await http().delete('/v1/detection/calendar/days/2026-03-02?reason=why').set('Authorization', reviewer).expect(403);
    await http().put('/v1/detection/units/XA.12/working-hours').set('Authorization', reviewer).send({ unitKind: 'post_office' }).expect(403);
    await http().put('/v1/detection/units/XA.12/networks').set('Authorization', reviewer).send({ networks: [] }).expect(403);
    await http().get('/v1/detection/units/XA.12/networks').set('Authorization', reviewer).expect(200);
    const auditor = await bearerFor(t.app, Role.AUDITOR);
    await http().get('/v1/detection/calendar/days?year=2026').set('Authorization', auditor).expect(403);
    await http().get('/v1/detection/calendar/days?year=2026').expect(401);
  });
});
