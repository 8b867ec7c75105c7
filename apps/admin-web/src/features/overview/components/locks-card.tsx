import { Button, Card, Statistic } from 'antd';
import { Link, useNavigate } from 'react-router';
import { formatDate, useI18n } from '@/i18n';
import { QueryState } from '@/components/query-state';
import { useLocksThisWeek } from '../api/overview-api';

/** Accounts whose idle lock falls within the week: how many, the first few with their dates, the full list. */
export function LocksCard() {
  const { t, n } = useI18n();
  const navigate = useNavigate();
  const locks = useLocksThisWeek(true);
  const page = locks.data;
  return (
    <Card title={<h2 className="card-title">{t('overview.locksThisWeek')}</h2>} className="full-height" data-testid="locks-card">
      <QueryState isLoading={locks.isLoading} error={locks.error} onRetry={() => void locks.refetch()}>
        {page && (
          <>
            <Statistic value={n(page.total)} title={t('overview.locksCount')} />
            {page.items.length > 0 ? (
              <ul className="plain-list top-gap">
                {page.items.map((a) => (
                  <li key={a.accountId}>
                    <Link className="inline-link" to={`/accounts/${encodeURIComponent(a.accountId)}`}>{a.fullName ?? a.accountId}</Link>{' '}
                    <span className="card-note-inline">{a.lockDueOn ? t('overview.lockOn', { day: formatDate(`${a.lockDueOn}T12:00:00+07:00`) }) : ''}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="card-note">{t('overview.noLocks')}</p>
            )}
            <Button className="top-gap" onClick={() => navigate('/accounts?dueSoon=1')}>
              {t('overview.toAccounts')}
            </Button>
          </>
        )}
      </QueryState>
    </Card>
  );
}
