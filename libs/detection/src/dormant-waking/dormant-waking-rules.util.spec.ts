import { judgeWaking, wakingOf } from './dormant-waking-rules.util';
import { loadDormantWakingSettings } from './dormant-waking-settings.util';

const s = loadDormantWakingSettings();
const none = () => null;

describe(wakingOf.name, () => {
  it('finds the first lookup after a silence of 60 days or more, for two weeks after it', () => {
    const days = ['2026-01-05', '2026-01-06', '2026-03-20', '2026-03-23', '2026-03-24'];
    expect(wakingOf(days, '2026-03-24', none, s)).toEqual({ wake: '2026-03-20', previous: '2026-01-06', silentSince: '2026-01-07', silentDays: 72 });
    expect(wakingOf([...days, '2026-04-10'], '2026-04-10', none, s)).toBeNull(); // three weeks on: awake, not waking
  });

  it('is silent after weeks of leave', () => {
    expect(wakingOf(['2026-01-05', '2026-02-20', '2026-02-23'], '2026-02-23', none, s)).toBeNull();
  });

  it('with no earlier lookup, needs to know the account existed and was observed silent', () => {
    expect(wakingOf(['2026-03-20'], '2026-03-20', none, s)).toBeNull(); // its history starts with the data
    expect(wakingOf(['2026-03-20'], '2026-03-20', () => '2026-01-05', s)).toMatchObject({ wake: '2026-03-20', previous: null, silentDays: 74 });
    expect(wakingOf(['2026-03-20'], '2026-03-20', () => '2026-02-01', s)).toBeNull();
  });
});

describe(judgeWaking.name, () => {
  const day = (lookups: number, ownUnitDossier = lookups) => ({ day: '2026-03-20', lookups, withDossier: ownUnitDossier, ownUnitDossier });

  it('an official back at its former pace for its unit has resumed work: not raised', () => {
    expect(judgeWaking([day(22), day(25)], [18, 20, 22], s)).toMatchObject({ former: 20, busiest: 25, resumed: true });
  });

  it('four times its former volume, or a third outside dossiers, or no former volume at all, is a waking', () => {
    expect(judgeWaking([day(80)], [18, 20, 22], s)).toMatchObject({ resumed: false, score: 4 });
    expect(judgeWaking([day(30, 20)], [18, 20, 22], s).resumed).toBe(false);
    expect(judgeWaking([day(30)], [], s)).toMatchObject({ former: null, resumed: false, score: 1.5 });
  });
});
