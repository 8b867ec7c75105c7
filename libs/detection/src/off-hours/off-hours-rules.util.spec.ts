import type { DayHours } from '../working-hours/working-calendar.service';
import { judgeOffHours, offHoursDay, offHoursSlots, SLOTS } from './off-hours-rules.util';
import { loadOffHoursSettings } from './off-hours-settings.util';

const s = loadOffHoursSettings();
const workingDay: DayHours = { workingDay: true, reason: null, periods: [[450, 690], [810, 1020]] }; // 07:30-11:30, 13:30-17:00
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return Math.floor((h * 60 + m) / 30);
};
const slotsWith = (entries: [string, number][]) => {
  const slots = new Array<number>(SLOTS).fill(0);
  for (const [t, n] of entries) slots[at(t)] += n;
  return slots;
};

describe(offHoursSlots.name, () => {
  it('on a working day counts only half-hours entirely outside the hours widened by the grace; lunch is inside', () => {
    const sut = offHoursSlots(workingDay, s);
    expect([sut.weights[at('17:00')], sut.weights[at('17:30')], sut.weights[at('12:00')]]).toEqual([0, 0, 0]);
    expect(sut.weights[at('18:00')]).toBe(s.weights.outsideHours);
    expect(sut.weights[at('06:30')]).toBe(0); // within an hour of 07:30
    expect(sut.weights[at('06:00')]).toBe(s.weights.outsideHours);
    expect(sut.weights[at('05:30')]).toBe(s.weights.night);
    expect(sut.weights[at('22:30')]).toBe(s.weights.night);
    expect(sut.closed).toBeNull();
  });

  it('on a day the unit is closed counts every half-hour, a holiday weighing more than a Sunday', () => {
    const holiday = offHoursSlots({ workingDay: false, holiday: 'Tết Nguyên Đán', reason: 'holiday', periods: [] }, s);
    const sunday = offHoursSlots({ workingDay: false, reason: 'sunday', periods: [] }, s);
    expect(holiday).toMatchObject({ closed: 'holiday', holiday: 'Tết Nguyên Đán' });
    expect(holiday.weights[at('10:00')]).toBe(s.weights.holiday);
    expect(sunday.weights[at('10:00')]).toBe(s.weights.closedDay);
    expect(sunday.closed).toBe('sunday');
  });
});

describe(offHoursDay.name, () => {
  it('a few minutes after closing are nothing; a session at 22:00 is a night', () => {
    const unit = offHoursSlots(workingDay, s);
    expect(offHoursDay('2026-11-02', slotsWith([['17:10', 6], ['10:00', 20]]), unit, s)).toBeNull();
    expect(offHoursDay('2026-11-02', slotsWith([['22:00', 18], ['10:00', 20]]), unit, s)).toMatchObject({ lookups: 18, kind: 'night', weighted: 36 });
    expect(offHoursDay('2026-11-02', slotsWith([['19:00', 3]]), unit, s)).toBeNull(); // below minDayLookups
  });
});

describe(judgeOffHours.name, () => {
  const day = (lookups: number) => ({ day: '2026-11-02', lookups, weighted: lookups, kind: 'night' as const });

  it('fires on repeated off-hours work beyond the floor when the account and its peers do none', () => {
    const sut = judgeOffHours([day(20), day(25), day(15)], [0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 4], s);
    expect(sut).toMatchObject({ lookups: 60, habit: 0, peers: { count: 3, median: 0 }, threshold: 30, fires: true });
  });

  it('is silent for an account whose weeks are like that, and for fewer than minDays days', () => {
    expect(judgeOffHours([day(20), day(25), day(15)], [12, 15, 10, 20, 14, 0, 16, 11], [], s)).toMatchObject({ habit: 52, threshold: 156, fires: false });
    expect(judgeOffHours([day(40), day(40)], [], [], s)).toMatchObject({ habit: null, fires: false });
  });

  it('without a habit (too little history) weighs nights and closed days, not evenings of working days', () => {
    const evenings = [20, 25, 15].map((n) => ({ ...day(n), kind: 'outside_hours' as const }));
    expect(judgeOffHours(evenings, [0, 0], [], s)).toMatchObject({ habit: null, days: [], fires: false });
    expect(judgeOffHours([...evenings, day(20), day(20), { ...day(10), kind: 'sunday' }], [0, 0], [], s)).toMatchObject({ lookups: 50, fires: true });
  });

  it("is silent when the unit's peers work off-hours as much (a unit open on days not configured)", () => {
    expect(judgeOffHours([day(20), day(25), day(15)], [], [40, 55, 60, 35], s).fires).toBe(false);
  });
});
