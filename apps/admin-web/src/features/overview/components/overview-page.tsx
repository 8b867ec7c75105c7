import { Button, Card, Col, Row, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { hasMessage, useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { STATUSES, StatusTag } from '@/components/status-tag';
import { TrendPeriod, useAlertSummary, useLookupSeries } from '../api/overview-api';
import { AlertsBySeverityCard } from './alerts-card';
import { IngestStatusCard } from '@/components/ingest-status-card';
import { LocksCard } from './locks-card';
import { LookupCards } from './lookup-cards';
import { LookupTrends } from './lookup-trends';

interface Props {
  canReadAccounts: boolean;
  canReadIngest: boolean;
}

/** The day at a glance: lookups and their share explained, alerts waiting, locks coming, ingest health, trends. */
export function OverviewPage({ canReadAccounts, canReadIngest }: Props) {
  const { t, n } = useI18n();
  const navigate = useNavigate();
  const [days, setDays] = useState<TrendPeriod>(30);
  const summary = useAlertSummary();
  const series = useLookupSeries(days);
  const s = summary.data;
  const byType = Object.entries(s?.openByType ?? {})
    .sort(([, a], [, b]) => b - a)
    .map(([type, value]) => ({ type, value, name: hasMessage(`alertType.${type}`) ? t(`alertType.${type}` as 'alertType.unit_surge') : type }));

  return (
    <div className="full-width">
      <PageHeader title={t('overview.title')} intro={t('overview.intro')} />
      <Row gutter={[16, 16]}>
        <LookupCards series={series.data} isLoading={series.isLoading} error={series.error} onRetry={() => void series.refetch()} />
        <Col xs={24} sm={12} xl={6}>
          <Card data-testid="open-alerts" className="full-height">
            <h2 className="card-title">{t('overview.openAlerts')}</h2>
            <QueryState isLoading={summary.isLoading} error={summary.error} onRetry={() => void summary.refetch()}>
              <Statistic value={n(s?.open ?? 0)} />
              <Button type="primary" className="top-gap" onClick={() => navigate('/alerts')}>
                {t('overview.toQueue')}
              </Button>
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={canReadAccounts ? 14 : 24}>
          <QueryState isLoading={summary.isLoading} error={summary.error} onRetry={() => void summary.refetch()}>
            {s && <AlertsBySeverityCard summary={s} />}
          </QueryState>
        </Col>
        {canReadAccounts && (
          <Col xs={24} lg={10}>
            <LocksCard />
          </Col>
        )}
        {canReadIngest && (
          <Col span={24}>
            <IngestStatusCard />
          </Col>
        )}
        <Col span={24}>
          <QueryState isLoading={series.isLoading} error={series.error} onRetry={() => void series.refetch()}>
            {series.data && <LookupTrends series={series.data} days={days} onDays={setDays} />}
          </QueryState>
        </Col>
        {s && (
          <>
            <Col xs={24} lg={16}>
              <Card title={<h2 className="card-title">{t('overview.byType')}</h2>}>
                <Table
                  size="small"
                  rowKey="type"
                  pagination={false}
                  dataSource={byType}
                  locale={{ emptyText: t('overview.noAlerts') }}
                  columns={[
                    { title: t('alerts.col.type'), dataIndex: 'name' },
                    { title: t('overview.count'), dataIndex: 'value', align: 'right', width: 140, render: (v: number) => n(v) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={<h2 className="card-title">{t('overview.byStatus')}</h2>}>
                <ul className="plain-list">
                  {STATUSES.map((st) => (
                    <li key={st}>
                      <StatusTag status={st} /> <strong>{n(s.byStatus[st] ?? 0)}</strong>
                    </li>
                  ))}
                </ul>
              </Card>
            </Col>
          </>
        )}
      </Row>
    </div>
  );
}
