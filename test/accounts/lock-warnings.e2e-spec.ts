import { AccountsService, DirectorySyncService, ExemptionService, IdleLockService, LockWarningRepository } from '@app/accounts';
import { FixedClock } from '@app/common';
import { startSmtpServer, subjectOf, TestSmtpServer } from '../utils/smtp-server';
import { AccountsHarness, bootAccounts, directoryEntry, storeBatch } from './accounts-harness';

describe('Lock warnings and exemptions', () => {
  const clock = new FixedClock(new Date('2026-08-10T09:00:00+07:00'));
  let smtp: TestSmtpServer;
  let h: AccountsHarness;
  let sut: IdleLockService;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    h = await bootAccounts({ clock, env: { SMTP_URL: smtp.url, SMTP_FROM: 'Kiểm toán <audit@example.gov.vn>', ACCOUNT_LOCK_WARNING_DAYS: '14,3' } });
    sut = h.get(IdleLockService);
    await h.get(AccountsService).setUnitContact('000.21.12.H52', 'admin.xa12@example.gov.vn', 'user:admin');
    await h.get(DirectorySyncService).sync(
      [
        directoryEntry('cb.warn', { unitCode: '000.21.12.H52', email: 'cb.warn@example.gov.vn' }),
        directoryEntry('cb.leave', { unitCode: '000.21.12.H52', email: 'cb.leave@example.gov.vn' }),
      ],
      'json',
      'delta',
      'producer:tthc',
    );
    // Both idle since 10 August: the lock falls due on 10 November (local dates).
    await storeBatch(h, [
      { accountId: 'cb.warn', at: '2026-08-10T09:00:00+07:00' },
      { accountId: 'cb.leave', at: '2026-08-10T09:00:00+07:00' },
    ]);
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
    const listed = await h.get(LockWarningRepository).list({ accountId: 'cb.warn', limit: 10, offset: 0 });
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
