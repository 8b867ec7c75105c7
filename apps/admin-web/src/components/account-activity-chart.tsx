import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, localDayOf, useI18n } from '@/i18n';
import { api, query } from '@/lib/api-client';
import type { components } from '@/lib/api-types';
import { ChartFigure } from './chart-figure';
import { QueryState } from './query-state';

type Activity = components['schemas']['AccountActivityDto'];
type ActivityDay = components['schemas']['AccountActivityDayDto'];

/** A local day (YYYY-MM-DD) as the users read it. */
const dayLabel = (day: string) => formatDate(`${day}T12:00:00+07:00`);

interface Props {
  accountId: string;
  /** An alert's window (local days): shaded, with the 60 days around it (up to two weeks after, never past today). Without it, the 60 days to today. */
  highlight?: { from: string; to: string };
}

const PERIOD_DAYS = 60;
const AFTER_DAYS = 14;

const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The period shown around a window: the days before it, and a fortnight after when that has passed. */
function periodAround(window: { from: string; to: string }): { from: string; to: string } {
  const today = localDayOf(new Date());
  const after = shiftDay(window.to, AFTER_DAYS);
  const to = after < today ? after : today > window.to ? today : window.to;
  return { from: shiftDay(to, -(PERIOD_DAYS - 1)), to };
}

/**
 * An account's daily lookups against its own baseline band (median to the detector's threshold) and its peers'
 * median, all from GET /v1/accounts/:id/activity. A sentence and a table say the same for whoever cannot see it.
 */
export function AccountActivityChart({ accountId, highlight }: Props) {
  const { t, n, pct } = useI18n();
  const { from, to } = highlight ? periodAround(highlight) : { from: undefined, to: undefined };
  const activity = useQuery({
    queryKey: ['account-activity', accountId, from, to],
    queryFn: () => api.get<Activity>(`/v1/accounts/${encodeURIComponent(accountId)}/activity${query({ from, to })}`),
  });
  const a = activity.data;
  const days = a?.days ?? [];
  // The x axis counts days (a category axis cannot shade a window of one day): index i is days[i].
  const points = days.map((d, i) => ({
    i,
    lookups: d.lookups,
    median: d.baseline?.median ?? null,
    band: d.baseline ? [d.baseline.median, d.baseline.threshold] : null,
    peers: d.peers?.median ?? null,
  }));
  const indexOf = (day: string) => days.findIndex((d) => d.day === day);
  const shaded = highlight && a && highlight.to >= a.from && highlight.from <= a.to;
  const ticks = days.map((_, i) => i).filter((i) => i % 7 === 0);
  const labelAt = (i: unknown) => (days[Number(i)] ? dayLabel(days[Number(i)].day) : '');
  const summary = a
    ? t('activity.summary', {
        from: dayLabel(a.from),
        to: dayLabel(a.to),
        lookups: n(a.totals.lookups),
        explained: a.totals.explainedShare === null ? t('state.none') : pct(a.totals.explainedShare),
        above: n(a.totals.daysAboveBaseline),
      })
    : '';

  return (
    <Card title={<h2 className="card-title">{t('activity.title')}</h2>} data-testid="activity-chart">
      <QueryState isLoading={activity.isLoading} error={activity.error} onRetry={() => void activity.refetch()}>
        {a && (
          <>
            <Typography.Paragraph data-testid="activity-summary">{summary}</Typography.Paragraph>
            <ChartFigure label={`${t('activity.title')}. ${summary}`} height={260}>
              <ComposedChart data={points} margin={{ left: 0, right: 16, top: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="i" type="number" domain={[-0.5, days.length - 0.5]} ticks={ticks} tickFormatter={(i) => labelAt(i).slice(0, 5)} />
                <YAxis tickFormatter={(v: number) => n(v)} width={48} />
                <Tooltip labelFormatter={labelAt} formatter={(v) => (Array.isArray(v) ? v.map((x) => n(Number(x))).join(' – ') : n(Number(v)))} />
                <Legend />
                {shaded && <ReferenceArea x1={indexOf(maxDay(highlight.from, a.from)) - 0.5} x2={indexOf(minDay(highlight.to, a.to)) + 0.5} fill="#fde68a" fillOpacity={0.6} label={t('activity.window')} />}
                <Area dataKey="band" name={t('activity.band')} stroke="none" fill="#93c5fd" fillOpacity={0.45} isAnimationActive={false} connectNulls={false} />
                <Line dataKey="median" name={t('activity.median')} stroke="#1d4ed8" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
                <Line dataKey="peers" name={t('activity.peers')} stroke="#6b7280" strokeDasharray="2 3" dot={false} isAnimationActive={false} />
                <Line dataKey="lookups" name={t('activity.lookups')} stroke="#c2410c" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
              </ComposedChart>
            </ChartFigure>
            <details className="raw-evidence">
              <summary>{t('activity.table')}</summary>
              <ActivityTable days={a.days} />
            </details>
          </>
        )}
      </QueryState>
    </Card>
  );
}

function ActivityTable({ days }: { days: ActivityDay[] }) {
  const { t, n } = useI18n();
  const none = t('state.none');
  return (
    <Table<ActivityDay>
      rowKey="day"
      size="small"
      tableLayout="fixed"
      pagination={{ pageSize: 15, showSizeChanger: false }}
      dataSource={[...days].reverse()}
      data-testid="activity-table"
      columns={[
        { title: t('activity.col.day'), dataIndex: 'day', render: (d: string) => dayLabel(d) },
        { title: t('activity.lookups'), dataIndex: 'lookups', align: 'right', render: (v: number) => n(v) },
        { title: t('activity.col.explained'), dataIndex: 'explained', align: 'right', render: (v: number) => n(v) },
        { title: t('activity.median'), key: 'median', align: 'right', render: (_, d) => (d.baseline ? n(d.baseline.median) : none) },
        { title: t('activity.col.threshold'), key: 'threshold', align: 'right', render: (_, d) => (d.baseline ? n(d.baseline.threshold) : none) },
        { title: t('activity.peers'), key: 'peers', align: 'right', render: (_, d) => (d.peers ? n(d.peers.median) : none) },
      ]}
    />
  );
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);
