import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatDateTime, useI18n } from '@/i18n';
import { ErrorNotice } from '@/components/query-state';
import { IdleLockRun, useIdleLockDryRun } from '../api/accounts-api';

type Candidate = IdleLockRun['wouldLock'][number];

/** POST /v1/accounts/idle-lock/run?dryRun=true: the accounts the idle-lock job would lock now, and why. */
export function IdleLockDryRun() {
  const { t, n } = useI18n();
  const run = useIdleLockDryRun();
  const result = run.data;
  return (
    <Card
      title={<h2 className="card-title">{t('dryRun.idle.title')}</h2>}
      data-testid="idle-lock-dry-run"
      extra={
        <Button icon={<ExperimentOutlined aria-hidden />} onClick={() => run.mutate()} loading={run.isPending}>
          {t('dryRun.idle.run')}
        </Button>
      }
    >
      {run.error && <ErrorNotice error={run.error} onRetry={() => run.mutate()} />}
      {result && (
        <div>
          <Typography.Paragraph role="status" data-testid="idle-lock-result">
            {t('dryRun.idle.result', { at: formatDateTime(result.ranAt), n: n(result.wouldLock.length) })}
          </Typography.Paragraph>
          {result.massChange && <Alert type="warning" showIcon message={t('dryRun.massChange', { n: n(result.wouldLock.length) })} />}
          <Table<Candidate>
            rowKey="accountId"
            size="small"
            tableLayout="fixed"
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            dataSource={result.wouldLock}
            locale={{ emptyText: t('dryRun.nothing') }}
            data-testid="would-lock"
            columns={[
              { title: t('accounts.col.account'), dataIndex: 'accountId', ellipsis: true, render: (id: string) => <Link to={`/accounts/${encodeURIComponent(id)}`}>{id}</Link> },
              { title: t('dryRun.col.idleSince'), dataIndex: 'idleSince', render: (v: string | null) => (v ? formatDateTime(v) : t('state.none')) },
              { title: t('dryRun.col.basis'), dataIndex: 'idleBasis', render: (v: Candidate['idleBasis']) => t(`idleBasis.${v}`) },
              { title: t('accounts.col.lockDue'), dataIndex: 'lockDueOn', render: (v: string | null) => (v ? formatDate(`${v}T12:00:00+07:00`) : t('state.none')) },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
