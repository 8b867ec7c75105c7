import { Card, Col, Row } from 'antd';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'react-router';
import { useI18n } from '@/i18n';
import { SEVERITIES, SeverityTag } from '@/components/severity-tag';
import type { AlertSummary } from '../api/overview-api';
import { ChartFigure } from '@/components/chart-figure';

const SEVERITY_FILL: Record<string, string> = { critical: '#b91c1c', high: '#c2410c', medium: '#a16207', low: '#1d4ed8', info: '#475569' };

/** Alerts waiting for a judgment by severity: a word and an icon each, a link to the queue of that severity, a bar. */
export function AlertsBySeverityCard({ summary }: { summary: AlertSummary }) {
  const { t, n } = useI18n();
  const bySeverity = SEVERITIES.filter((sev) => sev !== 'info' || (summary.openBySeverity.info ?? 0) > 0).map((sev) => ({
    severity: sev,
    name: t(`severity.${sev}`),
    value: summary.openBySeverity[sev] ?? 0,
  }));
  return (
    <Card title={<h2 className="card-title">{t('overview.bySeverity')}</h2>} className="full-height">
      <Row gutter={16} align="middle">
        <Col xs={24} md={10}>
          <ul className="plain-list" data-testid="open-by-severity">
            {bySeverity.map((b) => (
              <li key={b.severity} data-severity={b.severity}>
                <Link to={`/alerts?severity=${b.severity}`} aria-label={t('overview.toSeverity', { severity: b.name, count: n(b.value) })}>
                  <SeverityTag severity={b.severity} /> <strong data-testid={`open-${b.severity}`}>{n(b.value)}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </Col>
        <Col xs={24} md={14}>
          <ChartFigure label={`${t('overview.bySeverity')}: ${bySeverity.map((b) => `${b.name} ${n(b.value)}`).join('; ')}`} height={180}>
            <BarChart data={bySeverity}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" />
              <YAxis allowDecimals={false} tickFormatter={(v: number) => n(v)} width={48} />
              <Tooltip formatter={(v) => n(Number(v))} />
              <Bar dataKey="value" name={t('overview.count')} isAnimationActive={false} fill="#64748b">
                {bySeverity.map((b) => (
                  <Cell key={b.severity} fill={SEVERITY_FILL[b.severity]} />
                ))}
              </Bar>
            </BarChart>
          </ChartFigure>
        </Col>
      </Row>
    </Card>
  );
}
