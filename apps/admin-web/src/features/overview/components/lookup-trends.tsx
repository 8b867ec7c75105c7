import { Card, Col, Row, Segmented } from 'antd';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, useI18n } from '@/i18n';
import { TREND_PERIODS, TrendPeriod, type LookupSeries } from '../api/overview-api';
import { ChartFigure } from '@/components/chart-figure';

interface Props {
  series: LookupSeries;
  days: TrendPeriod;
  onDays: (days: TrendPeriod) => void;
}

const short = (d: string) => formatDate(`${d}T12:00:00+07:00`).slice(0, 5);

/** The province's lookups per day and the share explained, over the last 30 or 90 days. */
export function LookupTrends({ series, days, onDays }: Props) {
  const { t, n, pct } = useI18n();
  // Percent points for the axis; the share itself is the API's (3 decimals).
  const data = series.days.map((d) => ({ ...d, label: short(d.day), sharePoints: d.share === null ? null : d.share * 100 }));
  const total = series.days.reduce((sum, d) => sum + d.lookups, 0);
  const busiest = series.days.reduce((best, d) => (d.lookups > best.lookups ? d : best), series.days[0]);
  const lookupsLabel = t('overview.trend.lookupsSummary', { days: n(series.days.length), total: n(total), day: formatDate(`${busiest.day}T12:00:00+07:00`), max: n(busiest.lookups) });
  return (
    <Card
      title={<h2 className="card-title">{t('overview.trend.title')}</h2>}
      extra={
        <Segmented
          aria-label={t('overview.trend.period')}
          value={days}
          onChange={(v) => onDays(v as TrendPeriod)}
          options={TREND_PERIODS.map((p) => ({ value: p, label: t('overview.trend.days', { days: p }) }))}
        />
      }
      data-testid="lookup-trends"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <h3 className="card-subtitle">{t('overview.trend.lookups')}</h3>
          <ChartFigure label={lookupsLabel} height={240} testId="lookups-chart" points={data.length}>
            <LineChart data={data} margin={{ top: 8, right: 20, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" minTickGap={16} />
              <YAxis allowDecimals={false} tickFormatter={(v: number) => n(v)} width={64} />
              <Tooltip formatter={(v) => n(Number(v))} />
              <Legend />
              <Line dataKey="lookups" name={t('overview.trend.lookupsLine')} stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} />
              <Line dataKey="explained" name={t('overview.trend.explainedLine')} stroke="#15803d" strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
            </LineChart>
          </ChartFigure>
        </Col>
        <Col xs={24} lg={12}>
          <h3 className="card-subtitle">{t('overview.trend.share')}</h3>
          <ChartFigure label={t('overview.trend.shareSummary', { share: series.month.share === null ? t('state.none') : pct(series.month.share) })} height={240} testId="share-chart" points={data.filter((d) => d.sharePoints !== null).length}>
            <LineChart data={data} margin={{ top: 8, right: 20, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" minTickGap={16} />
              <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${n(v)}%`} width={48} />
              <Tooltip formatter={(v) => `${n(Math.round(Number(v) * 10) / 10)}%`} />
              <Line dataKey="sharePoints" name={t('overview.trend.shareLine')} stroke="#7c3aed" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
            </LineChart>
          </ChartFigure>
        </Col>
      </Row>
    </Card>
  );
}
