import { weekdayOf } from '../calendar/local-day.util';
import { baselineDays, BaselineSource } from './volume-baseline.util';

const settings = { k: 6, multiple: 3, floor: 30, historyDays: 5, minHistoryDays: 3, absenceDays: 3, lookbackCalendarDays: 90 };
const weekday = (d: string): boolean => weekdayOf(d) !== 0 && weekdayOf(d) !== 6;

/** counts: the days with lookups; every other day has `otherwise` (undefined: quiet). */
function source(overrides: Partial<BaselineSource> = {}, counts: Record<string, number> = {}, otherwise?: number): BaselineSource {
  return {
    firstDay: '2026-10-01',
    isWorkingDay: weekday,
    isAlerted: () => false,
    unitSurged: () => false,
    countsOf: (d) => {
      const n = counts[d] ?? otherwise;
      return n !== undefined ? { lookups: n, subjects: n } : undefined;
    },
    ...overrides,
  };
}

describe(baselineDays.name, () => {
  // Friday 20 November 2026; the working days before it: 19, 18, 17, 16, 13, 12 …
  const day = '2026-11-20';

  it('takes the last working days before the day, a quiet one counting as 0', () => {
    const sut = baselineDays(day, source({}, { '2026-11-19': 20, '2026-11-18': 22, '2026-11-16': 18, '2026-11-14': 99, '2026-11-12': 15 }), settings);
    expect(sut.days).toEqual(['2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-13']);
    expect(sut.lookups).toEqual([20, 22, 0, 18, 0]); // Saturday the 14th is not a working day: its 99 is not normal work
    expect([sut.from, sut.to]).toEqual(['2026-11-13', '2026-11-19']);
  });

  it('stops at the first activity: the days before the account existed are not zeros', () => {
    const sut = baselineDays(day, source({ firstDay: '2026-11-17' }, { '2026-11-17': 10 }), settings);
    expect(sut.days).toEqual(['2026-11-19', '2026-11-18', '2026-11-17']);
  });

  it('no activity ever: no baseline', () => {
    expect(baselineDays(day, source({ firstDay: null }), settings).days).toEqual([]);
  });

  it('leaves out days alerted on and days the unit surged, and goes further back to replace them', () => {
    const sut = baselineDays(
      day,
      source({ isAlerted: (d) => d === '2026-11-19', unitSurged: (d) => d === '2026-11-18' || d === '2026-11-17' }, {}, 10),
      settings,
    );
    expect(sut.days).toEqual(['2026-11-16', '2026-11-13', '2026-11-12', '2026-11-11', '2026-11-10']);
    expect(sut.excluded).toEqual({ alerted: 1, unitSurge: 2, absence: 0 });
  });

  it('a run of absenceDays quiet working days is an absence (leave), left out; a shorter one counts as zeros', () => {
    // Quiet 9-13 November (five working days), active on the 16th-19th and on the 6th.
    const counts = { '2026-11-19': 20, '2026-11-18': 21, '2026-11-17': 19, '2026-11-16': 22, '2026-11-06': 18, '2026-11-04': 20 };
    const sut = baselineDays(day, source({}, counts), settings);
    expect(sut.days).toEqual(['2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-06']);
    expect(sut.excluded.absence).toBe(5);
    const short = baselineDays(day, source({}, { ...counts, '2026-11-12': 20, '2026-11-10': 20 }), { ...settings, historyDays: 7 });
    expect(short.lookups).toEqual([20, 21, 19, 22, 0, 20, 0]); // the 13th and the 11th: a day off here and there is normal
  });

  it('a long silence leaves no baseline at all (a dormant account is judged against its peers)', () => {
    const sut = baselineDays(day, source({ firstDay: '2026-08-01' }, { '2026-08-03': 20 }), { ...settings, historyDays: 30 });
    expect(sut.days).toEqual([]);
  });

  it('looks back no further than lookbackCalendarDays', () => {
    const sut = baselineDays(day, source({ firstDay: '2026-01-01' }, {}, 10), { ...settings, historyDays: 100, lookbackCalendarDays: 7 });
    expect(sut.days).toEqual(['2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-13']);
  });
});
