import {
  AccountsService,
  DirectorySyncService,
  ExemptionService,
  IdleLockService,
  LockWarningRepository,
  LockWarningService,
} from '@app/accounts';
import { FixedClock } from '@app/common';
import { startSmtpServer, subjectOf, TestSmtpServer } from '../utils/smtp-server';
import { AccountsHarness, bootAccounts, directoryEntry, storeBatch } from './accounts-harness';

/** Accounts of one unit in the directory (mail <accountId>@example.gov.vn), each last active at the time given. */
async function addAccountsLastActive(h: AccountsHarness, unitCode: string, lastActive: Record<string, string>): Promise<void> {
  const ids = Object.keys(lastActive);
  await h.get(DirectorySyncService).sync(ids.map((id) => directoryEntry(id, { unitCode })), 'json', 'delta', 'producer:tthc');
  await storeBatch(h, ids.map((accountId) => ({ accountId, at: lastActive[accountId] })));
}

/** The logs are known from 1 August (the idle count starts no earlier); events are fed to the accounts feature alone. */
const OBSERVED_FROM = { ACCOUNT_OBSERVATION_START: '2026-08-01T00:00:00+07:00' };

describe('Lock warnings and exemptions', () => {
  const clock = new FixedClock(new Date('2026-08-10T09:00:00+07:00'));
  let smtp: TestSmtpServer;
  let h: AccountsHarness;
  let sut: IdleLockService;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    h = await bootAccounts({
      clock,
      env: { SMTP_URL: smtp.url, SMTP_FROM: 'Kiểm toán <audit@example.gov.vn>', ACCOUNT_LOCK_WARNING_DAYS: '14,3', ...OBSERVED_FROM },
    });
    sut = h.get(IdleLockService);
    await h.get(AccountsService).setUnitContact('000.21.12.H52', 'admin.xa12@example.gov.vn', 'user:admin');
    // Both idle since 10 August: the lock falls due on 10 November (local dates).
    await addAccountsLastActive(h, '000.21.12.H52', {
      'cb.warn': '2026-08-10T09:00:00+07:00',
      'cb.leave': '2026-08-10T09:00:00+07:00',
    });
  });

  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  const mailsFor = (accountId: string) => smtp.messages.filter((m) => subjectOf(m).includes(accountId));

  it('warns 14 and 3 days before the lock, once each, the holder and the unit admin; skips exempted accounts until expiry', async () => {
    await h.get(ExemptionService).grant(
      'cb.leave',
      { kind: 'leave', reason: 'Nghỉ thai sản', approver: 'Giám đốc Sở', validUntil: new Date('2026-11-20T00:00:00+07:00') },
      'user:admin',
    );

    clock.set('2026-10-26T00:30:00+07:00'); // 15 days before
    expect((await sut.run()).warnings.claimed).toBe(0);

    clock.set('2026-10-27T00:30:00+07:00'); // 14 days before
    expect((await sut.run()).warnings).toMatchObject({ claimed: 1, sent: 1 });
    await smtp.waitFor(1);
    expect(mailsFor('cb.warn')).toHaveLength(1);
    expect(mailsFor('cb.warn')[0].to.sort()).toEqual(['admin.xa12@example.gov.vn', 'cb.warn@example.gov.vn']);
    expect(subjectOf(mailsFor('cb.warn')[0])).toContain('sẽ bị khóa ngày 10/11/2026');

    clock.set('2026-10-28T00:30:00+07:00');
    await sut.run();
    clock.set('2026-11-06T00:30:00+07:00'); // 4 days before: still within the 14-day warning, already sent
    await sut.run();
    expect(mailsFor('cb.warn')).toHaveLength(1);

    clock.set('2026-11-07T00:30:00+07:00'); // 3 days before
    await sut.run();
    clock.set('2026-11-08T00:30:00+07:00');
    await sut.run();
    await smtp.waitFor(2);
    expect(mailsFor('cb.warn')).toHaveLength(2);
    const listed = await h.get(LockWarningService).list({ accountId: 'cb.warn', limit: 10, offset: 0 });
    expect(listed.map((w) => [w.offsetDays, w.lockDueOn, w.delivery])).toEqual([
      [3, '2026-11-10', 'sent'],
      [14, '2026-11-10', 'sent'],
    ]);

    clock.set('2026-11-10T00:30:00+07:00');
    const run = await sut.run();
    expect(run.locked).toEqual(['cb.warn']); // cb.leave is exempt until 20 November
    expect(mailsFor('cb.leave')).toHaveLength(0);
    expect((await h.get(AccountsService).get('cb.leave')).state).toBe('active');

    clock.set('2026-11-19T23:59:00+07:00');
    expect((await sut.run()).locked).toEqual([]);
    clock.set('2026-11-20T00:30:00+07:00'); // the exemption has expired by itself
    expect((await sut.run()).locked).toEqual(['cb.leave']);
  });
});

describe('Lock warnings whose mail fails', () => {
  const clock = new FixedClock(new Date('2026-10-27T00:30:00+07:00')); // 14 days before the lock of 10 November
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let h: AccountsHarness;

  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectFirst: 2 });
    h = await bootAccounts({ clock, env: { SMTP_URL: smtp.url, SMTP_FROM: 'audit@example.gov.vn', ACCOUNT_LOCK_WARNING_DAYS: '14,3', ...OBSERVED_FROM } });
    await addAccountsLastActive(h, '000.21.13.H52', {
      'cb.retry': '2026-08-10T09:00:00+07:00',
      'cb.crash': '2026-08-11T09:00:00+07:00',
      'cb.used': '2026-08-12T09:00:00+07:00',
      'cb.exempt': '2026-08-12T09:00:00+07:00',
    });
  });

  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  const warningOf = async (accountId: string) => (await h.get(LockWarningService).list({ accountId, limit: 1, offset: 0 }))[0];

  it('tries again with backoff until the mail server takes it, then never again', async () => {
    const retries = h.get(LockWarningService);
    expect((await h.get(IdleLockService).run()).warnings).toMatchObject({ claimed: 1, failed: 1 });
    expect(await warningOf('cb.retry')).toMatchObject({ delivery: 'failed', attempts: 1, nextAttemptAt: new Date('2026-10-27T00:35:00+07:00') });
    expect((await warningOf('cb.retry')).lastError).toMatch(/451/);

    expect(await retries.retryDue()).toMatchObject({ retried: 0 }); // not due yet
    clock.advance(5 * 60_000);
    expect(await retries.retryDue()).toMatchObject({ retried: 1, failed: 1 }); // the server refuses once more
    expect(await warningOf('cb.retry')).toMatchObject({ delivery: 'failed', attempts: 2, nextAttemptAt: new Date('2026-10-27T00:50:00+07:00') });

    clock.advance(15 * 60_000);
    expect(await retries.retryDue()).toMatchObject({ retried: 1, sent: 1 });
    expect(await warningOf('cb.retry')).toMatchObject({ delivery: 'sent', attempts: 3 });
    expect(smtp.rejected()).toBe(2);
    expect(smtp.messages.filter((m) => m.to.includes('cb.retry@example.gov.vn'))).toHaveLength(1);

    clock.advance(24 * 3600_000);
    expect(await retries.retryDue()).toMatchObject({ retried: 0 });
  });

  it('sends a warning whose sender took it and stopped once the lease is over; the stopped sender\'s late outcome does not count', async () => {
    // cb.crash falls due on 11 November: its 14-day warning is claimed on 28 October, and the sender stops there.
    clock.set('2026-10-28T00:30:00+07:00');
    const repository = h.get(LockWarningRepository);
    const policy = { idleMonths: 3, timeZone: 'Asia/Ho_Chi_Minh', observationStart: h.config.accounts.observationStart! };
    const [claimed] = await h.dataSource.transaction((m) => repository.claimDue(m, clock.now(), policy, [14, 3]));
    expect(claimed.accountId).toBe('cb.crash');
    // Taken by a sender that stops before mailing: held for the lease, and its late outcome no longer counts.
    expect(await repository.take(claimed, clock.now(), '00000000-0000-4000-8000-000000000001')).toBe(true);
    expect(await repository.take(claimed, clock.now(), '00000000-0000-4000-8000-000000000002')).toBe(false);
    expect(await h.get(LockWarningService).retryDue()).toMatchObject({ retried: 0 });

    clock.advance(15 * 60_000);
    expect(await h.get(LockWarningService).retryDue()).toMatchObject({ retried: 1, sent: 1 });
    await repository.recordDelivery(claimed, '00000000-0000-4000-8000-000000000001', 'failed', clock.now(), 'late');
    expect(await warningOf('cb.crash')).toMatchObject({ delivery: 'sent', attempts: 2, lastError: null });
    expect(smtp.messages.filter((m) => m.to.includes('cb.crash@example.gov.vn'))).toHaveLength(1);
  });

  it('does not retry a warning that no longer applies: the account was used, or exempted', async () => {
    smtp.refuseNext(2);
    clock.set('2026-10-29T00:30:00+07:00'); // 14 days before cb.used's lock on 12 November
    expect((await h.get(IdleLockService).run()).warnings).toMatchObject({ failed: 2 });
    await storeBatch(h, [{ accountId: 'cb.used', at: '2026-10-29T01:00:00+07:00' }]); // its lock date moves to 29 January
    await h.get(ExemptionService).grant(
      'cb.exempt',
      { kind: 'leave', reason: 'Nghỉ phép', approver: 'Chánh Văn phòng', validUntil: new Date('2027-01-01T00:00:00+07:00') },
      'user:admin',
    );
    clock.advance(60 * 60_000);
    expect(await h.get(LockWarningService).retryDue()).toMatchObject({ retried: 0 });
    expect(smtp.messages.filter((m) => m.to.some((to) => /cb\.(used|exempt)@/.test(to)))).toHaveLength(0);
  });
});
