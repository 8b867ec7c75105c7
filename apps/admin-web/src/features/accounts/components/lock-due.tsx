import { formatDate, useI18n } from '@/i18n';
import type { Account } from '../api/accounts-api';

/** The lock date and its countdown, both from the API (lockDueOn, lockDueInDays). */
export function LockDue({ account }: { account: Pick<Account, 'lockDueOn' | 'lockDueInDays'> }) {
  const { t, n } = useI18n();
  if (!account.lockDueOn) return <>{t('state.none')}</>;
  const days = account.lockDueInDays;
  const countdown =
    days === null ? null : days > 0 ? t('accounts.lockDueIn', { n: n(days) }) : days === 0 ? t('accounts.lockToday') : t('accounts.lockOverdue', { n: n(-days) });
  return (
    <span data-lock-due-in={days ?? undefined}>
      {formatDate(`${account.lockDueOn}T12:00:00+07:00`)}
      {countdown && ` (${countdown})`}
    </span>
  );
}
