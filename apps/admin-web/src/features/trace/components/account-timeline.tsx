import { Card, Col, List, Row, Table } from 'antd';
import { CartesianGrid, ComposedChart, Bar, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '@/components/chart-figure';
import { QueryState } from '@/components/query-state';
import { formatDateTime, useI18n } from '@/i18n';
import { TraceCase, useAccountTimeline } from '../api/trace-api';
import { CountTable, dayLabel, TimelineAlerts } from './timeline-parts';
import { useCodeLabel } from './trace-result-tag';

interface Props {
  traceCase: TraceCase;
  accountId: string;
  from: string;
  to: string;
}

/** One account's activity by day against its baseline, whose citizens, its dossiers, alerts and locks. */
export function AccountTimelineView({ traceCase, accountId, from, to }: Props) {
  const { t, n } = useI18n();
  const label = useCodeLabel();
  const timeline = useAccountTimeline({ case: traceCase, accountId, from, to });
  const data = timeline.data;
  const days = (data?.days ?? []).map((d) => ({ ...d, label: dayLabel(d.day) }));
  const total = days.reduce((s, d) => s + d.lookups, 0);
  const above = days.filter((d) => d.baseline !== null && d.lookups > d.baseline).length;
  return (
    <QueryState isLoading={timeline.isLoading} error={timeline.error} onRetry={() => void timeline.refetch()}>
      {data && (
        <Card title={<h2 className="card-title">{t('trace.account.title', { account: data.accountId })}</h2>} data-testid="account-timeline" data-account={data.accountId}>
          <Row gutter={[16, 16]}>
            <Col xs={24}>
              <h3 className="card-subtitle">{t('trace.account.byDay')}</h3>
              <ChartFigure label={t('trace.account.byDaySummary', { days: n(days.length), total: n(total), above: n(above) })} height={240} testId="account-days-chart" points={days.length} data={{ lookups: total }}>
                <ComposedChart data={days} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" minTickGap={12} />
                  <YAxis allowDecimals={false} width={48} tickFormatter={(v: number) => n(v)} />
                  <Tooltip formatter={(v) => n(Number(v))} />
                  <Legend />
                  <Bar dataKey="lookups" name={t('trace.timeline.lookups')} fill="#1d4ed8" isAnimationActive={false} />
                  <Bar dataKey="explained" name={t('trace.account.explained')} fill="#15803d" isAnimationActive={false} />
                  <Line dataKey="baseline" name={t('trace.account.baseline')} stroke="#b45309" strokeWidth={2} strokeDasharray="6 3" dot={false} connectNulls={false} isAnimationActive={false} />
                </ComposedChart>
              </ChartFigure>
            </Col>
            <Col xs={24} lg={12}>
              <h3 className="card-subtitle">{t('trace.account.units')}</h3>
              <Table
                size="small"
                tableLayout="fixed"
                rowKey={(u) => `${u.dossierUnit}/${u.ownUnit}`}
                pagination={false}
                data-testid="account-units"
                dataSource={data.citizenUnits}
                columns={[
                  { title: t('trace.account.dossierUnit'), dataIndex: 'dossierUnit', ellipsis: true, render: (v: string | null) => v ?? t('trace.timeline.noDossier') },
                  { title: t('trace.account.ownUnit'), dataIndex: 'ownUnit', width: 110, render: (v: boolean) => (v ? t('trace.explained.yes') : t('trace.explained.no')) },
                  { title: t('trace.timeline.lookups'), dataIndex: 'lookups', width: 90, align: 'right', render: (v: number) => n(v) },
                  { title: t('trace.account.citizens'), dataIndex: 'citizens', width: 90, align: 'right', render: (v: number) => n(v) },
                ]}
              />
            </Col>
            <Col xs={24} lg={12}>
              <h3 className="card-subtitle">{t('trace.account.dossiers')}</h3>
              <CountTable
                rows={data.dossiers}
                testId="account-dossiers"
                first={[{ title: t('trace.col.dossier'), dataIndex: 'dossierCode', ellipsis: true }]}
              />
            </Col>
            <Col xs={24} lg={12}>
              <h3 className="card-subtitle">{t('trace.timeline.alerts')}</h3>
              <TimelineAlerts alerts={data.alerts} />
            </Col>
            <Col xs={24} lg={12}>
              <h3 className="card-subtitle">{t('trace.account.locks')}</h3>
              <List
                size="small"
                className="trace-list"
                data-testid="account-locks"
                locale={{ emptyText: t('trace.account.noLocks') }}
                dataSource={data.lockHistory}
                renderItem={(l) => (
                  <List.Item key={`${l.at}/${l.changeKind}`}>
                    {formatDateTime(l.at)} · {label('accounts.change', l.changeKind)} · {l.actor}
                    {l.reason ? ` · ${l.reason}` : ''}
                  </List.Item>
                )}
              />
            </Col>
          </Row>
        </Card>
      )}
    </QueryState>
  );
}
