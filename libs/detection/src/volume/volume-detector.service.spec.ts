import type { CalendarDayRepository } from '../calendar/calendar-day.repository';
import { addDays, weekdayOf } from '../calendar/local-day.util';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { loadWorkingHoursConfig } from '../working-hours/working-hours-config.util';
import type { WorkingHoursRepository } from '../working-hours/working-hours.repository';
import { VolumeDetector } from './volume-detector.service';
import { loadVolumeSettings } from './volume-settings.util';
import { VolumeWindow } from './volume-window.util';
import type { AccountDayVolume, VolumeAccount } from './volume.repository';

const settings = loadVolumeSettings();
const DAY = '2026-11-20'; // a Friday

/** The 20 working days before DAY, then DAY. */
const days = (): string[] => {
  const out: string[] = [];
  for (let d = addDays(DAY, -40); d < DAY; d = addDays(d, 1)) if (weekdayOf(d) % 6 !== 0) out.push(d);
  return [...out.slice(-20), DAY];
};

function calendar(): WorkingCalendar {
  const sut = new WorkingCalendar({} as WorkingHoursRepository, {} as CalendarDayRepository, loadWorkingHoursConfig());
  const set = { reason: null, updatedBy: 'test', updatedAt: new Date(), schedule: null };
  sut.load([{ unitCode: 'POST1', unitKind: 'post_office', ...set }, { unitCode: 'POST2', unitKind: 'post_office', ...set }], []);
  return sut;
}

type Person = { id: string; unit: string; role?: string; type?: 'person' | 'service'; since?: number; explained?: number; createdAt?: string; volume: (d: number) => number };

function windowOf(people: Person[]): VolumeWindow {
  const rows: AccountDayVolume[] = [];
  const all = days();
  for (const p of people) {
    all.forEach((day, d) => {
      const n = p.volume(d);
      if (d < (p.since ?? 0) || n === 0) return; // account_day holds no row for a day without lookups
      const own = Math.round(n * (p.explained ?? 0));
      // Spread over a working day: its busiest hour holds about a seventh of the day's lookups.
      const peakHour = { lookups: Math.ceil(n / 7), slot: 18 };
      rows.push({ accountId: p.id, day, unitCode: p.unit, lookups: n, subjects: n, withDossier: own, ownUnitDossier: own, explained: own, unneededSensitive: 0, firstAt: null, peakHour });
    });
  }
  const accounts = new Map<string, VolumeAccount>(people.map((p) => [p.id, { accountId: p.id, unitCode: p.unit, role: p.role ?? 'chuyen_vien', accountType: p.type ?? 'person', createdAt: p.createdAt ? new Date(p.createdAt) : null }]));
  const firstDays = new Map(people.map((p) => [p.id, all[p.since ?? 0]]));
  const cal = calendar();
  return new VolumeWindow(rows, accounts, firstDays, (unit, noon) => cal.classify(unit, noon).workingDay, settings);
}

const steady = (base: number) => (d: number) => base + (d % 3);
const summary = (w: VolumeWindow) => new VolumeDetector(calendar()).detect(w, DAY, settings).map((f) => [f.type, 'row' in f ? f.row.accountId : f.unitCode]);

describe(VolumeDetector.name, () => {
  it('one alert per account and day: its own baseline first (peers only in the evidence)', () => {
    const w = windowOf([
      { id: 'a', unit: 'U', volume: (d) => (d === 20 ? 200 : 16 + (d % 3)) },
      { id: 'b', unit: 'U', volume: steady(16) },
      { id: 'c', unit: 'U', volume: steady(17) },
      { id: 'd', unit: 'U', volume: steady(15) },
      { id: 'e', unit: 'U', volume: steady(16) },
    ]);
    expect(summary(w)).toEqual([['volume_own_baseline', 'a']]);
  });

  it('a heavy but steady account is not flagged against itself, and within the peers multiple not against them either', () => {
    const w = windowOf([
      { id: 'heavy', unit: 'U', volume: steady(70) },
      { id: 'b', unit: 'U', volume: steady(16) },
      { id: 'c', unit: 'U', volume: steady(20) },
      { id: 'd', unit: 'U', volume: steady(18) },
      { id: 'e', unit: 'U', volume: steady(17) },
    ]);
    expect(summary(w)).toEqual([]);
  });

  it('a habitual peer outlier is raised unless nearly all its lookups name dossiers of its unit (a busy counter)', () => {
    const peers = ['b', 'c', 'd', 'e'].map((id) => ({ id, unit: 'U', explained: 0.99, volume: steady(15) }));
    expect(summary(windowOf([{ id: 'busy', unit: 'U', explained: 0.98, volume: steady(100) }, ...peers]))).toEqual([]);
    expect(summary(windowOf([{ id: 'outlier', unit: 'U', explained: 0.9, volume: steady(100) }, ...peers]))).toEqual([['volume_peers', 'outlier']]);
    // A new account has no habit: compared with its peers whatever its dossiers.
    expect(summary(windowOf([{ id: 'new', unit: 'U', explained: 1, since: 18, createdAt: '2026-11-01', volume: steady(100) }, ...peers]))).toEqual([
      ['volume_peers', 'new'],
    ]);
    // Created by the directory years ago, only its history here is short (a first import): not new.
    expect(summary(windowOf([{ id: 'old', unit: 'U', explained: 0.98, since: 18, createdAt: '2021-04-05', volume: steady(100) }, ...peers]))).toEqual([]);
  });

  it('without enough peers in its unit, a new account is compared with the same kind of unit (post offices) and role', () => {
    const w = windowOf([
      { id: 'new', unit: 'POST1', role: 'nhan_vien_buu_chinh', since: 18, volume: (d) => (d === 20 ? 300 : 20) },
      ...['p', 'q', 'r', 's'].map((id) => ({ id, unit: 'POST2', role: 'nhan_vien_buu_chinh', volume: steady(20) })),
    ]);
    const [finding] = new VolumeDetector(calendar()).detect(w, DAY, settings);
    expect(finding).toMatchObject({ type: 'volume_peers', peers: { group: 'unit_kind_role', unitKind: 'post_office', count: 4 }, own: null });
  });

  it('service accounts are nobody peers and are not compared with people', () => {
    const w = windowOf([
      { id: 'svc', unit: 'U', type: 'service', since: 19, volume: () => 5000 },
      { id: 'b', unit: 'U', volume: steady(16) },
      { id: 'c', unit: 'U', volume: steady(17) },
      { id: 'd', unit: 'U', volume: steady(15) },
    ]);
    expect(summary(w)).toEqual([]);
  });

  it('most of a unit rising together is one unit_surge, no member alerts; the one far above the surging peers is still flagged', () => {
    const w = windowOf([
      ...['a', 'b', 'c', 'd'].map((id) => ({ id, unit: 'U', volume: (d: number) => (d === 20 ? 60 : 16 + (d % 3)) })),
      { id: 'wild', unit: 'U', volume: (d) => (d === 20 ? 600 : 16 + (d % 3)) },
    ]);
    expect(summary(w)).toEqual([
      ['unit_surge', 'U'],
      ['volume_peers', 'wild'],
    ]);
  });

  it('back from three weeks of leave, an account is not judged against a median of 0: the leave is left out', () => {
    const w = windowOf([
      { id: 'back', unit: 'U', volume: (d) => (d >= 5 && d < 20 ? 0 : 40 + (d % 3)) },
      ...['b', 'c', 'd', 'e'].map((id) => ({ id, unit: 'U', volume: steady(40) })),
    ]);
    expect(new VolumeDetector(calendar()).detect(w, DAY, settings)).toEqual([]);
  });

  it('a campaign of several days is one notice: each day names the first day of the run', () => {
    const w = windowOf(['a', 'b', 'c', 'd'].map((id) => ({ id, unit: 'U', volume: (d: number) => (d >= 18 ? 60 : 16 + (d % 3)) })));
    const [finding] = new VolumeDetector(calendar()).detect(w, DAY, settings);
    expect(finding).toMatchObject({ type: 'unit_surge', day: DAY, runStart: days()[18] });
  });

  it('a day the unit surged is left out of its members\' later baselines', () => {
    // Day 10 the whole unit tripled; day 20 one member does what the unit did on day 10 and is judged against normal days.
    const w = windowOf(['a', 'b', 'c', 'd'].map((id) => ({ id, unit: 'U', volume: (d: number) => (d === 10 || (d === 20 && id === 'a') ? 60 : 16 + (d % 3)) })));
    const [finding] = new VolumeDetector(calendar()).detect(w, DAY, settings);
    expect(finding).toMatchObject({ type: 'volume_own_baseline', baseline: { excluded: { unitSurge: 1 } } });
  });
});
