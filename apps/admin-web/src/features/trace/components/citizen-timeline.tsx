import { Card, Col, Row } from 'antd';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '@/components/chart-figure';
import { QueryState } from '@/components/query-state';
import { useI18n } from '@/i18n';
import { TraceCase, useCitizenTimeline } from '../api/trace-api';
import { shortHash } from './trace-results';
import { CountTable, dayLabel, fullDay, TimelineAlerts } from './timeline-parts';

interface Props {
  traceCase: TraceCase;
  subjectId: string;
  from?: string;
  to?: string;
}

const TOP = 10;

/** Every lookup of one citizen: by day, by account, unit and dossier, and the alerts that involve them. */
export function CitizenTimelineView({ traceCase, subjectId, from, to }: Props) {
  const { t, n } = useI18n();
  const timeline = useCitizenTimeline({ case: traceCase, subjectId, from, to });
  const data = timeline.data;
  const none = t('state.none');
  const days = (data?.byDay ?? []).map((d) => ({ ...d, label: dayLabel(d.day) }));
  const accounts = (data?.byAccount ?? []).slice(0, TOP);
  const busiest = days.reduce<(typeof days)[number] | null>((best, d) => (!best || d.lookups > best.lookups ? d : best), null);
  const hash = data?.events.find((e) => e.subjectHash)?.subjectHash;
  return (
    <QueryState isLoading={timeline.isLoading} error={timeline.error} onRetry={() => void timeline.refetch()}>
      {data && (
        <Card
          title={<h2 className="card-title">{t('trace.citizen.title')}</h2>}
          extra={hash && <code title={hash}>{shortHash(hash)}</code>}
          data-testid="citizen-timeline"
          data-total={data.total}
        >
          <p>
            {t('trace.citizen.summary', { n: n(data.total), accounts: n(data.byAccount.length), units: n(data.byUnit.length), dossiers: n(data.byDossier.length) })}
          </p>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <h3 className="card-subtitle">{t('trace.citizen.byDay')}</h3>
              <ChartFigure label={t('trace.citizen.byDaySummary', { days: n(days.length), total: n(data.total), day: busiest ? fullDay(busiest.day) : none, max: n(busiest?.lookups ?? 0) })} height={220} testId="citizen-days-chart" points={days.length}>
                <BarChart data={days} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" minTickGap={12} />
                  <YAxis allowDecimals={false} width={40} tickFormatter={(v: number) => n(v)} />
                  <Tooltip formatter={(v) => n(Number(v))} />
                  <Bar dataKey="lookups" name={t('trace.timeline.lookups')} fill="#1d4ed8" isAnimationActive={false} />
                </BarChart>
              </ChartFigure>
            </Col>
            <Col xs={24} lg={12}>
              <h3 className="card-subtitle">{t('trace.citizen.byAccount')}</h3>
              <ChartFigure label={t('trace.citizen.byAccountSummary', { list: accounts.map((a) => `${a.accountId}: ${n(a.lookups)}`).join('; ') || none })} height={220} testId="citizen-accounts-chart" points={accounts.length}>
                <BarChart data={accounts} layout="vertical" margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => n(v)} />
                  <YAxis type="category" dataKey="accountId" width={120} />
                  <Tooltip formatter={(v) => n(Number(v))} />
                  <Bar dataKey="lookups" name={t('trace.timeline.lookups')} fill="#7c3aed" isAnimationActive={false} />
                </BarChart>
              </ChartFigure>
            </Col>
            <Col xs={24} lg={12}>
              <h3 className="card-subtitle">{t('trace.citizen.byUnit')}</h3>
              <CountTable
                rows={data.byUnit}
                testId="citizen-units"
                first={[
                  { title: t('trace.col.unit'), dataIndex: 'unitCode', ellipsis: true, render: (v: string | null) => v ?? none },
                  { title: t('trace.timeline.accounts'), dataIndex: 'accounts', width: 80, align: 'right', render: (v: number) => n(v) },
                ]}
              />
            </Col>
            <Col xs={24} lg={12}>
              <h3 className="card-subtitle">{t('trace.citizen.byDossier')}</h3>
              <CountTable
                rows={data.byDossier}
                testId="citizen-dossiers"
                first={[{ title: t('trace.col.dossier'), dataIndex: 'dossierCode', ellipsis: true, render: (v: string | null) => v ?? t('trace.timeline.noDossier') }]}
              />
            </Col>
            <Col xs={24}>
              <h3 className="card-subtitle">{t('trace.timeline.alerts')}</h3>
              <TimelineAlerts alerts={data.alerts} />
            </Col>
          </Row>
        </Card>
      )}
    </QueryState>
  );
}
