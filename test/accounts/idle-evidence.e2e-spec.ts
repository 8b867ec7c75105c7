import { FixedClock } from '@app/common';
import { AccountsApi, bootAccountsApi, directoryEntry, staff } from './accounts-http.fixture';

const DAY = 86_400_000;

/** An initial directory: staff created long ago (directoryEntry's default), no sign-in known to the directory. */
const DIRECTORY = [
  ...staff('cb.active', 5),
  directoryEntry('cb.idle.aug23'),
  directoryEntry('cb.idle.aug24'),
  directoryEntry('cb.idle.aug25'),
  directoryEntry('cb.never'),
  directoryEntry('cb.new.oct', { createdAt: '2026-10-01T09:00:00+07:00' }),
];

/**
 * Four months of the gateway's logs, from 24 July 08:00 (+07:00): the cb.active staff sign in every week; three
 * accounts stop on 23, 24 and 25 August; cb.never and cb.new.oct never sign in.
 */
function fourMonthsOfLogs(): { accountId: string; at: string }[] {
  const events: { accountId: string; at: string }[] = [];
  for (let t = Date.parse('2026-07-24T08:00:00+07:00'); t <= Date.parse('2026-11-20T08:00:00+07:00'); t += 7 * DAY) {
    for (let i = 0; i < 5; i++) events.push({ accountId: `cb.active.0${i}`, at: new Date(t + i * 3_600_000).toISOString() });
  }
  return [
    ...events,
    { accountId: 'cb.idle.aug23', at: '2026-07-25T09:00:00+07:00' },
    { accountId: 'cb.idle.aug23', at: '2026-08-23T10:00:00+07:00' },
    { accountId: 'cb.idle.aug24', at: '2026-08-24T10:00:00+07:00' },
    { accountId: 'cb.idle.aug25', at: '2026-08-25T08:00:00+07:00' },
  ];
}

describe('Idle count from evidence', () => {
  let api: AccountsApi | undefined;

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('locks nobody for idleness without logs; an account whose directory sign-in is four months old is locked', async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-23T15:00:00+07:00')));
    await api.sync(
      [
        ...staff('cb.staff', 25),
        directoryEntry('cb.login.old', { lastLoginAt: '2026-07-20T09:00:00+07:00' }),
        directoryEntry('cb.login.recent', { lastLoginAt: '2026-11-01T09:00:00+07:00' }),
      ],
      { mode: 'full' },
    );
    const dueTonight = await api.http().get('/v1/accounts?lockDueWithinDays=1').set('Authorization', await api.admin()).expect(200);
    expect(dueTonight.body.items.map((a: { accountId: string }) => a.accountId)).toEqual(['cb.login.old']);
    // Three idle months from 20/07 fell due on 20/10: overdue by 34 days, the next run locks it.
    expect(dueTonight.body.items[0]).toMatchObject({ lockDueOn: '2026-10-20', lockDueInDays: -34 });
    expect(await api.account('cb.login.recent')).toMatchObject({ lockDueOn: '2027-02-01', lockDueInDays: 70 });

    api.clock.set('2026-11-24T00:30:00+07:00');
    expect((await api.runIdleLock()).body).toMatchObject({ outcome: 'applied', locked: ['cb.login.old'] });
    expect(await api.account('cb.staff.00')).toMatchObject({
      state: 'active',
      idleSince: null,
      idleBasis: 'no_evidence',
      observationStart: null,
      lockDueOn: null,
      lockDueInDays: null,
    });
    expect(await api.account('cb.login.old')).toMatchObject({
      state: 'locked',
      idleBasis: 'directory_last_login',
      idleSince: '2026-07-20T02:00:00.000Z',
    });

    api.clock.advance(DAY); // another night without logs
    expect((await api.runIdleLock()).body.locked).toEqual([]);
  });

  it('locks none on the first night, and after a back-fill of four months of logs exactly the accounts idle three months', async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-23T15:00:00+07:00')));
    await api.sync(DIRECTORY, { mode: 'full' });
    api.clock.set('2026-11-24T00:30:00+07:00');
    expect((await api.runIdleLock()).body).toMatchObject({ outcome: 'applied', locked: [] });

    await api.ingestLogins(fourMonthsOfLogs());
    api.clock.set('2026-11-24T00:40:00+07:00');
    expect((await api.runIdleLock()).body.locked).toEqual(['cb.idle.aug23', 'cb.idle.aug24', 'cb.never']);

    const logsBegin = '2026-07-24T01:00:00.000Z';
    expect(await api.account('cb.never')).toMatchObject({
      state: 'locked',
      idleSince: logsBegin,
      idleBasis: 'observation_start',
      observationStart: logsBegin,
      lockDueOn: '2026-10-24',
    });
    expect(await api.account('cb.idle.aug25')).toMatchObject({ state: 'active', idleBasis: 'activity', lockDueOn: '2026-11-25' });
    expect(await api.account('cb.new.oct')).toMatchObject({ state: 'active', idleBasis: 'directory_created', lockDueOn: '2027-01-01' });
    const history = await api.http().get('/v1/accounts/cb.never/history').set('Authorization', await api.admin()).expect(200);
    expect(history.body[0]).toMatchObject({
      changeKind: 'locked',
      evidence: { idleBasis: 'observation_start', observationStart: logsBegin, lockDueOn: '2026-10-24' },
    });
  });

  it('ACCOUNT_OBSERVATION_START moves the floor; a directory sign-in older than it still counts', async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-23T15:00:00+07:00')), {
      ACCOUNT_OBSERVATION_START: '2026-09-01T00:00:00+07:00',
    });
    await api.sync([...DIRECTORY, directoryEntry('cb.login.old', { lastLoginAt: '2026-07-20T09:00:00+07:00' })], { mode: 'full' });
    await api.ingestLogins(fourMonthsOfLogs());
    api.clock.set('2026-11-24T00:30:00+07:00');
    expect((await api.runIdleLock()).body.locked).toEqual(['cb.login.old']);

    const floor = '2026-08-31T17:00:00.000Z';
    for (const id of ['cb.never', 'cb.idle.aug23']) {
      expect(await api.account(id)).toMatchObject({
        state: 'active',
        idleSince: floor,
        idleBasis: 'observation_start',
        observationStart: floor,
        lockDueOn: '2026-12-01',
      });
    }
  });

  it('does not lock on its first night an account that a later sync lists without createdAt, even with old logs', async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-20T10:00:00+07:00')), {
      ACCOUNT_OBSERVATION_START: '2026-01-01T00:00:00+07:00',
    });
    await api.sync([directoryEntry('cb.veteran', { createdAt: null })], { mode: 'full' });
    api.clock.set('2026-11-24T14:00:00+07:00');
    await api.sync([directoryEntry('cb.newcomer', { createdAt: null })]);

    api.clock.set('2026-11-25T00:30:00+07:00');
    expect((await api.runIdleLock()).body.locked).toEqual(['cb.veteran']);
    expect(await api.account('cb.newcomer')).toMatchObject({
      state: 'active',
      listedAt: '2026-11-24T07:00:00.000Z',
      idleSince: '2026-11-24T07:00:00.000Z',
      idleBasis: 'listed',
      lockDueOn: '2027-02-24',
    });
    expect(await api.account('cb.veteran')).toMatchObject({ listedAt: null, idleBasis: 'observation_start' });
  });
});
