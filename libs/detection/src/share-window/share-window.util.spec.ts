import { addDays, weekdayOf } from '../calendar/local-day.util';
import type { VolumeAccount } from '../volume/volume.repository';
import type { ShareDay } from './share-window-finding.type';
import type { ShareWindowSettings } from './share-window-settings.util';
import { medianWithout, ShareWindow } from './share-window.util';

const settings: ShareWindowSettings = {
  windowWorkingDays: 10,
  historyDays: 40,
  minHistoryDays: 10,
  minDayLookups: 5,
  lookbackCalendarDays: 120,
  minLookups: 60,
  minCount: 25,
  multiple: 3,
  margin: 0.15,
  minShare: 0.2,
  minPeers: 4,
  runLookbackDays: 60,
  severity: { medium: 1.5, high: 2.5, critical: 4 },
};
const FIRST = '2026-08-03'; // a Monday
const LAST = '2026-11-27';
const weekday = (day: string) => weekdayOf(day) !== 0 && weekdayOf(day) !== 6;

interface Person {
  id: string;
  unit?: string;
  since?: string;
  /** Unexplained share of a day. */
  share: (day: string) => number;
}

function sutOf(people: Person[]): ShareWindow {
  const rows: (ShareDay & { firstAt: Date | null })[] = [];
  const accounts = new Map<string, VolumeAccount>();
  for (const p of people) {
    const unitCode = p.unit ?? 'U1';
    accounts.set(p.id, { accountId: p.id, unitCode, role: 'chuyen_vien', accountType: 'person', createdAt: null });
    for (let day = p.since ?? FIRST; day <= LAST; day = addDays(day, 1)) {
      if (!weekday(day)) continue;
      const lookups = 20;
      const count = Math.round(lookups * p.share(day));
      rows.push({ accountId: p.id, day, unitCode, lookups, count, explained: lookups - count, withDossier: lookups - count, ownUnitDossier: lookups - count, firstAt: null });
    }
  }
  return new ShareWindow(addDays(FIRST, -30), LAST, rows, accounts, (_unit, day) => weekday(day), settings);
}

describe(ShareWindow.name, () => {
  const usual = () => 0.05; // 1 lookup in 20
  const peers = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({ id, share: usual }));
  const episode = (day: string) => (day >= '2026-10-05' && day < '2026-10-26' ? 0.5 : 0.05);

  it('raises three weeks at half unexplained once, from the run\'s first flagged day, with its numbers', () => {
    const sut = sutOf([...peers, { id: 'bad', share: episode }]);
    const findings = sut.findings('2026-10-01', LAST);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ accountId: 'bad', peers: { group: 'unit_role', count: 5, share: 0.05 }, own: { share: 0.05, days: 40 }, threshold: 0.2 });
    expect(f.runStart >= '2026-10-06' && f.runStart <= '2026-10-12').toBe(true);
    expect(f.day > '2026-10-26').toBe(true); // the window still holds the episode's days after it ends
    expect(f.observed.share).toBeGreaterThan(0.2);
  });

  it('finds the same run when the period is scanned in two blocks (each reports it on its last flagged day)', () => {
    const sut = sutOf([...peers, { id: 'bad', share: episode }]);
    const whole = sut.findings('2026-10-01', LAST)[0];
    const split = [...sut.findings('2026-10-01', '2026-10-15'), ...sut.findings('2026-10-16', LAST)];
    expect(split.map((f) => f.runStart)).toEqual([whole.runStart, whole.runStart]);
    expect(split[1].day).toBe(whole.day);
  });

  it('is silent on a unit whose work is always 40% unexplained (its own and its peers\' habit), and on a small episode', () => {
    const habit = () => 0.4;
    const unit = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((id) => ({ id, unit: 'U2', share: habit }));
    const small = { id: 'small', share: (day: string) => (day >= '2026-10-05' && day < '2026-10-26' ? 0.1 : 0.05) };
    expect(sutOf([...peers, ...unit, small]).findings('2026-10-01', LAST)).toEqual([]);
  });

  it('judges a new account against its peers only: raised at half unexplained, silent at their share', () => {
    const since = '2026-11-02';
    const sut = sutOf([...peers, { id: 'new-ok', since, share: usual }, { id: 'new-bad', since, share: () => 0.5 }]);
    const findings = sut.findings('2026-11-01', LAST);
    expect(findings.map((f) => [f.accountId, 'judged' in f.own && f.own.judged])).toEqual([['new-bad', false]]);
  });
});

describe(medianWithout.name, () => {
  it('is the median of the values with one left out', () => {
    expect(medianWithout([1, 2, 3, 10], 3)).toBe(2);
    expect(medianWithout([1, 2, 3, 10], 0)).toBe(3);
    expect(medianWithout([1, 2, 3, 10], -1)).toBe(2.5);
    expect(medianWithout([5], 0)).toBeNull();
  });
});
