import { CalendarDayRepository } from '../calendar/calendar-day.repository';
import { CalendarDay } from '../calendar/calendar-day.type';
import { loadWorkingHoursConfig } from './working-hours-config.util';
import { UnitWorkingHours, WorkingHoursRepository } from './working-hours.repository';
import { WorkingCalendar } from './working-calendar.service';

/** An instant given in Vietnam's local time. */
const at = (local: string) => new Date(`${local}+07:00`);
const day = (d: string, kind: CalendarDay['kind'], name: string): CalendarDay => ({ day: d, kind, name, reason: 'Quyết định của UBND tỉnh', updatedBy: 'user:admin', updatedAt: new Date() });
const unit = (unitCode: string, s: Partial<UnitWorkingHours>): UnitWorkingHours => ({ unitCode, unitKind: null, schedule: null, reason: null, updatedBy: 'user:admin', updatedAt: new Date(), ...s });

describe(WorkingCalendar.name, () => {
  const sut = new WorkingCalendar({} as WorkingHoursRepository, {} as CalendarDayRepository, loadWorkingHoursConfig());
  beforeEach(() =>
    sut.load(
      [unit('XA.12', { unitKind: 'one_stop_saturday' }), unit('SO.TP', { schedule: { mon: ['08:00-12:00'], tue: ['08:00-12:00', '13:00-17:00'] } })],
      [day('2026-01-10', 'working', 'Làm bù cho ngày 2/1'), day('2026-01-02', 'day_off', 'Nghỉ bù Tết Dương lịch (hoán đổi)')],
    ),
  );

  it('works weekday hours by default, with lunch reported but not off-hours', () => {
    // Wednesday 14 January 2026
    expect(sut.classify('ANY', at('2026-01-14T09:00:00'))).toEqual({ workingDay: true, offHours: false, reason: null });
    expect(sut.classify('ANY', at('2026-01-14T12:15:00'))).toEqual({ workingDay: true, offHours: false, reason: 'lunch' });
    expect(sut.classify('ANY', at('2026-01-14T07:29:00'))).toEqual({ workingDay: true, offHours: true, reason: 'outside_hours' });
    expect(sut.classify('ANY', at('2026-01-14T17:00:00'))).toEqual({ workingDay: true, offHours: true, reason: 'outside_hours' });
    expect(sut.classify(null, at('2026-01-18T09:00:00'))).toEqual({ workingDay: false, offHours: true, reason: 'sunday' });
    expect(sut.classify(null, at('2026-01-17T09:00:00'))).toEqual({ workingDay: false, offHours: true, reason: 'saturday' });
  });

  it('opens a Saturday-morning commune on Saturday morning only', () => {
    expect(sut.classify('XA.12', at('2026-01-17T09:00:00'))).toEqual({ workingDay: true, offHours: false, reason: null });
    expect(sut.classify('XA.12', at('2026-01-17T14:00:00'))).toEqual({ workingDay: true, offHours: true, reason: 'outside_hours' });
    expect(sut.classify('XA.12', at('2026-01-18T09:00:00'))).toMatchObject({ workingDay: false, reason: 'sunday' });
    expect(sut.scheduleOf('XA.12')).toMatchObject({ source: 'unit_kind', unitKind: 'one_stop_saturday' });
  });

  it('follows a unit\'s own schedule: closed on a weekday it lists no hours for', () => {
    expect(sut.classify('SO.TP', at('2026-01-12T14:00:00'))).toMatchObject({ offHours: true, reason: 'outside_hours' }); // Monday afternoon
    expect(sut.classify('SO.TP', at('2026-01-13T14:00:00'))).toMatchObject({ offHours: false, reason: null }); // Tuesday
    expect(sut.classify('SO.TP', at('2026-01-14T09:00:00'))).toEqual({ workingDay: false, offHours: true, reason: 'outside_hours' });
  });

  it('works a make-up Saturday with Monday hours, and rests on the swapped day', () => {
    expect(sut.classify('ANY', at('2026-01-10T09:00:00'))).toEqual({ workingDay: true, offHours: false, reason: null });
    expect(sut.classify('ANY', at('2026-01-10T18:00:00'))).toMatchObject({ workingDay: true, offHours: true, reason: 'outside_hours' });
    expect(sut.classify('ANY', at('2026-01-02T09:00:00'))).toEqual({
      workingDay: false,
      holiday: 'Nghỉ bù Tết Dương lịch (hoán đổi)',
      offHours: true,
      reason: 'holiday',
    });
  });

  it('rests on a holiday on a Sunday and on its compensatory Monday (Giỗ Tổ 2026), even where Saturdays are open', () => {
    expect(sut.classify('ANY', at('2026-04-26T09:00:00'))).toEqual({ workingDay: false, holiday: 'Giỗ Tổ Hùng Vương', offHours: true, reason: 'holiday' });
    expect(sut.classify('ANY', at('2026-04-27T09:00:00'))).toEqual({
      workingDay: false,
      holiday: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      offHours: true,
      reason: 'holiday',
    });
    expect(sut.classify('ANY', at('2026-04-28T09:00:00'))).toMatchObject({ workingDay: true, offHours: false });
    expect(sut.classify('XA.12', at('2026-02-21T09:00:00'))).toMatchObject({ workingDay: true }); // Saturday after Tết
    expect(sut.classify('XA.12', at('2026-02-17T09:00:00'))).toMatchObject({ holiday: 'Tết Nguyên Đán', reason: 'holiday' });
  });

  it('lets an admin cancel a computed holiday by declaring it worked', () => {
    sut.load([], [day('2026-09-03', 'working', 'Quốc khánh nghỉ 1/9 và 2/9 theo quyết định')]);
    expect(sut.classify('ANY', at('2026-09-03T09:00:00'))).toEqual({ workingDay: true, offHours: false, reason: null });
    expect(sut.classify('ANY', at('2026-09-02T09:00:00'))).toMatchObject({ reason: 'holiday', holiday: 'Quốc khánh' });
  });

  it('takes the local day in Vietnam: 23:30 UTC is the next morning', () => {
    expect(sut.localDay(new Date('2026-01-13T23:30:00Z'))).toBe('2026-01-14');
    expect(sut.classify('ANY', new Date('2026-01-14T02:00:00Z'))).toMatchObject({ offHours: false }); // 09:00 local
  });

  it("lets an admin's schedule for a kind win over the file's, for every unit of that kind", () => {
    const kinds = [{ unitKind: 'one_stop_saturday', schedule: { sat: ['08:00-10:00'] }, reason: null, updatedBy: 'user:admin', updatedAt: new Date() }];
    sut.load([unit('XA.12', { unitKind: 'one_stop_saturday' })], [], kinds);
    expect(sut.classify('XA.12', at('2026-01-17T10:30:00'))).toMatchObject({ offHours: true, reason: 'outside_hours' });
    expect(sut.unitKinds().find((k) => k.unitKind === 'one_stop_saturday')).toMatchObject({ source: 'admin' });
    expect(sut.unitKinds().find((k) => k.unitKind === 'post_office')).toMatchObject({ source: 'config' });
  });

  it("gives a unit's whole day at once: its periods, or why it does not work (declared days and holidays first)", () => {
    expect(sut.hoursOn('ANY', '2026-01-14')).toEqual({ workingDay: true, reason: null, periods: [[450, 690], [810, 1020]] });
    expect(sut.hoursOn('ANY', '2026-01-10')).toMatchObject({ workingDay: true, periods: [[450, 690], [810, 1020]] }); // make-up Saturday: Monday's hours
    expect(sut.hoursOn('XA.12', '2026-01-02')).toEqual({ workingDay: false, holiday: 'Nghỉ bù Tết Dương lịch (hoán đổi)', reason: 'holiday', periods: [] });
    expect(sut.hoursOn('XA.12', '2026-02-17')).toMatchObject({ workingDay: false, holiday: 'Tết Nguyên Đán', reason: 'holiday' });
    expect(sut.hoursOn(null, '2026-01-18')).toEqual({ workingDay: false, reason: 'sunday', periods: [] });
  });
});
