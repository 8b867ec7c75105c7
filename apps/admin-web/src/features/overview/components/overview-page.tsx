import { Button, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useNavigate } from 'react-router';
import { hasMessage, useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { SEVERITIES, SeverityTag } from '@/components/severity-tag';
import { STATUSES, StatusTag } from '@/components/status-tag';
import { useAlertSummary, useLocksThisWeek } from '../api/overview-api';

const SEVERITY_FILL: Record<string, string> = { critical: '#b91c1c', high: '#c2410c', medium: '#a16207', low: '#1d4ed8', info: '#475569' };

/** What stands open today, first of all alerts by severity. */
export function OverviewPage({ canReadAccounts }: { canReadAccounts: boolean }) {
  const { t, n } = useI18n();
  const navigate = useNavigate();
  const summary = useAlertSummary();
  const locks = useLocksThisWeek(canReadAccounts);
  const s = summary.data;
  const bySeverity = SEVERITIES.filter((sev) => sev !== 'info' || (s?.openBySeverity.info ?? 0) > 0).map((sev) => ({
    severity: sev,
    name: t(`severity.${sev}`),
    value: s?.openBySeverity[sev] ?? 0,
  }));
  const byType = Object.entries(s?.openByType ?? {})
    .sort(([, a], [, b]) => b - a)
    .map(([type, value]) => ({ type, value, name: hasMessage(`alertType.${type}`) ? t(`alertType.${type}` as 'alertType.unit_surge') : type }));

  return (
    <div className="full-width">
      <PageHeader title={t('overview.title')} />
      <QueryState isLoading={summary.isLoading} error={summary.error} onRetry={() => void summary.refetch()}>
        {s && (
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card>
                <Statistic title={<h2 className="card-title">{t('overview.openAlerts')}</h2>} value={n(s.open)} />
                <Button type="primary" className="top-gap" onClick={() => navigate('/alerts')}>
                  {t('overview.toQueue')}
                </Button>
              </Card>
              {canReadAccounts && (
                <Card className="top-gap">
                  <Statistic
                    title={<h2 className="card-title">{t('overview.locksThisWeek')}</h2>}
                    value={locks.data === undefined ? t('state.none') : n(locks.data)}
                    loading={locks.isLoading}
                  />
                  <Button className="top-gap" onClick={() => navigate('/accounts?dueSoon=1')}>
                    {t('overview.toAccounts')}
                  </Button>
                </Card>
              )}
              <Card className="top-gap" title={<h2 className="card-title">{t('overview.byStatus')}</h2>}>
                <ul className="plain-list">
                  {STATUSES.map((st) => (
                    <li key={st}>
                      <StatusTag status={st} /> <strong>{n(s.byStatus[st] ?? 0)}</strong>
                    </li>
                  ))}
                </ul>
              </Card>
            </Col>
            <Col xs={24} md={16}>
              <Card title={<h2 className="card-title">{t('overview.bySeverity')}</h2>}>
                <Row gutter={16} align="middle">
                  <Col xs={24} lg={10}>
                    <ul className="plain-list" data-testid="open-by-severity">
                      {bySeverity.map((b) => (
                        <li key={b.severity}>
                          <SeverityTag severity={b.severity} /> <strong>{n(b.value)}</strong>
                        </li>
                      ))}
                    </ul>
                  </Col>
                  <Col xs={24} lg={14}>
                    <figure role="img" aria-label={`${t('overview.bySeverity')}: ${bySeverity.map((b) => `${b.name} ${n(b.value)}`).join('; ')}`} className="chart-figure">
                      <ResponsiveContainer width="100%" height={200}>
                        <BarChart data={bySeverity}>
                          <CartesianGrid strokeDasharray="3 3" vertical={false} />
                          <XAxis dataKey="name" />
                          <YAxis allowDecimals={false} tickFormatter={(v: number) => n(v)} />
                          <Tooltip formatter={(v) => n(Number(v))} />
                          <Bar dataKey="value" name={t('overview.count')} isAnimationActive={false} fill="#64748b">
                            {bySeverity.map((b) => (
                              <Cell key={b.severity} fill={SEVERITY_FILL[b.severity]} />
                            ))}
                          </Bar>
                        </BarChart>
                      </ResponsiveContainer>
                    </figure>
                  </Col>
                </Row>
              </Card>
              <Card className="top-gap" title={<h2 className="card-title">{t('overview.byType')}</h2>}>
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
          </Row>
        )}
      </QueryState>
      <Typography.Paragraph type="secondary" className="top-gap">
        {t('overview.more')}
      </Typography.Paragraph>
    </div>
  );
}
