import { Card, Col, Statistic } from 'antd';
import { ReactNode } from 'react';
import { formatDate, useI18n } from '@/i18n';
import { QueryState } from '@/components/query-state';
import type { LookupSeries } from '../api/overview-api';

interface Props {
  series: LookupSeries | undefined;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
}

const day = (d: string) => formatDate(`${d}T12:00:00+07:00`);

/** Lookups today and this month so far, and the share of them explained by dossiers (counted by the API). */
export function LookupCards({ series, isLoading, error, onRetry }: Props) {
  const { t, n, pct } = useI18n();
  const share = (v: number | null) => (v === null ? t('state.none') : pct(v));
  const card = (testId: string, title: string, body: (s: LookupSeries) => ReactNode) => (
    <Col xs={24} sm={12} xl={6}>
      <Card data-testid={testId} className="full-height">
        <h2 className="card-title">{title}</h2>
        <QueryState isLoading={isLoading} error={error} onRetry={onRetry}>
          {series && body(series)}
        </QueryState>
      </Card>
    </Col>
  );
  return (
    <>
      {card('lookups-today', t('overview.lookupsToday'), ({ today }) => (
        <>
          <Statistic value={n(today.lookups)} />
          <p className="card-note">{t('overview.lookupsTodayNote', { day: day(today.to), accounts: n(today.accounts) })}</p>
        </>
      ))}
      {card('lookups-month', t('overview.lookupsMonth'), ({ month }) => (
        <>
          <Statistic value={n(month.lookups)} />
          <p className="card-note">{t('overview.lookupsMonthNote', { from: day(month.from), to: day(month.to), accounts: n(month.accounts) })}</p>
        </>
      ))}
      {card('explained-share', t('overview.explainedShare'), ({ today, month }) => (
        <>
          <Statistic value={share(month.share)} />
          <p className="card-note">{t('overview.explainedShareNote', { explained: n(month.explained), lookups: n(month.lookups), today: share(today.share) })}</p>
        </>
      ))}
    </>
  );
}
