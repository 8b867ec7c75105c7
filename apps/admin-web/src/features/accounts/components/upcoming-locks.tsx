import { Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, useI18n } from '@/i18n';
import { ErrorNotice, QueryState } from '@/components/query-state';
import { Account, LockWarning, PAGE_SIZE, useAccounts, useLockWarnings } from '../api/accounts-api';
import { LockDue } from './lock-due';

/** How far ahead the list looks (the warnings go out days before, ACCOUNT_LOCK_WARNING_DAYS; a month shows them coming). */
const WITHIN_DAYS = 30;

/** The warnings sent for the account's present lock date: one for an earlier date (before it was used again) is not this lock's. */
function WarningsSent({ account }: { account: Account }) {
  const { t, n } = useI18n();
  const warnings = useLockWarnings(account.accountId);
  if (warnings.isLoading) return <Typography.Text type="secondary">{t('state.loading')}</Typography.Text>;
  if (warnings.error) return <ErrorNotice error={warnings.error} onRetry={() => void warnings.refetch()} />;
  const sent = (warnings.data ?? []).filter((w: LockWarning) => w.lockDueOn === account.lockDueOn);
  if (!sent.length) return <Typography.Text type="secondary">{t('upcoming.noWarning')}</Typography.Text>;
  return (
    <ul className="plain-list" data-testid={`warnings-${account.accountId}`}>
      {sent.map((w) => (
        <li key={`${w.offsetDays}-${w.createdAt}`} data-delivery={w.delivery}>
          {t('upcoming.warning', { days: n(w.offsetDays), at: formatDateTime(w.createdAt), delivery: t(`delivery.${w.delivery}`) })}
        </li>
      ))}
    </ul>
  );
}

/** Sắp khóa: active accounts whose idle lock falls due soon, soonest first, with the warnings sent for that date. */
export function UpcomingLocks() {
  const { t, n } = useI18n();
  const [page, setPage] = useState(1);
  const accounts = useAccounts({ state: 'active', lockDueWithinDays: WITHIN_DAYS }, page);

  const columns: ColumnsType<Account> = [
    { title: t('accounts.col.account'), dataIndex: 'accountId', ellipsis: true, render: (id: string) => <Link to={`/accounts/${encodeURIComponent(id)}`}>{id}</Link> },
    { title: t('accounts.col.name'), dataIndex: 'fullName', ellipsis: true, responsive: ['lg'], render: (v: string | null) => v ?? t('state.none') },
    { title: t('alerts.col.unit'), dataIndex: 'unitCode', width: 130, ellipsis: true, responsive: ['xl'], render: (v: string | null) => v ?? t('state.none') },
    { title: t('accounts.col.lockDue'), dataIndex: 'lockDueOn', width: 200, render: (_: unknown, a) => <LockDue account={a} /> },
    {
      title: t('upcoming.col.warnings'),
      key: 'warnings',
      width: 380,
      render: (_: unknown, a) => <WarningsSent account={a} />,
    },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Typography.Paragraph>{t('upcoming.intro', { n: n(WITHIN_DAYS) })}</Typography.Paragraph>
      <QueryState
        isLoading={accounts.isLoading}
        error={accounts.error}
        isEmpty={accounts.data?.items.length === 0}
        emptyText={t('upcoming.empty')}
        onRetry={() => void accounts.refetch()}
      >
        <Table<Account>
          rowKey="accountId"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={accounts.data?.items}
          loading={accounts.isFetching}
          data-testid="upcoming-locks"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: accounts.data?.total, showSizeChanger: false, onChange: setPage, showTotal: (total) => t('accounts.total', { n: n(total) }) }}
        />
      </QueryState>
    </Space>
  );
}
