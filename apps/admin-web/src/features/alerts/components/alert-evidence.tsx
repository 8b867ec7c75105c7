import { Card, Descriptions, Typography } from 'antd';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n, MessageKey } from '@/i18n';
import type { Alert } from '../api/alert.type';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

interface Figure {
  key: MessageKey;
  value: number;
  share?: boolean;
}

/** The figures the evidence has, in order; one it lacks is left out. */
function figures(list: { key: MessageKey; value: number | undefined; share?: boolean }[]): Figure[] {
  return list.filter((f): f is Figure => f.value !== undefined);
}

/** The numbers of the evidence a reviewer weighs, in words; the whole evidence stays one click away. */
export function AlertEvidence({ alert }: { alert: Alert }) {
  const { t, n, pct } = useI18n();
  const e = alert.evidence;
  const observed = obj(e.observed);
  const expected = obj(e.expected);
  const observedValue = num(observed.value);

  const comparison = figures([
    { key: 'alert.evidence.observed', value: observedValue },
    { key: 'alert.evidence.baseline', value: num(expected.baseline) },
    { key: 'alert.evidence.peers', value: num(expected.peers) },
    { key: 'alert.evidence.threshold', value: num(expected.threshold) },
  ]);

  const facts = figures([
    { key: 'alert.evidence.lookups', value: num(observed.lookups) },
    { key: 'alert.evidence.subjects', value: num(observed.subjects) },
    { key: 'alert.evidence.withDossier', value: num(e.withDossierShare), share: true },
    { key: 'alert.evidence.ownUnitDossier', value: num(e.ownUnitDossierShare), share: true },
    { key: 'alert.evidence.withoutDossier', value: num(e.withoutDossierShare), share: true },
  ]);

  const samples = Array.isArray(e.sampleEventIds) ? (e.sampleEventIds as unknown[]).map(String) : [];
  const rule = typeof e.rule === 'string' ? e.rule : undefined;
  const show = (f: Figure) => (f.share ? pct(f.value) : n(f.value));
  const chartLabel = comparison.map((f) => `${t(f.key)}: ${show(f)}`).join('; ');

  return (
    <Card title={<h2 className="card-title">{t('alert.evidence')}</h2>}>
      {comparison.length === 0 && facts.length === 0 && <Typography.Paragraph>{t('alert.evidence.none')}</Typography.Paragraph>}
      {comparison.length > 0 && (
        <>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered className="evidence-table">
            {comparison.map((f) => (
              <Descriptions.Item key={f.key} label={t(f.key)}>
                <strong>{show(f)}</strong>
              </Descriptions.Item>
            ))}
          </Descriptions>
          <figure className="evidence-chart" role="img" aria-label={`${t('alert.evidence.chart')}: ${chartLabel}`}>
            <figcaption className="chart-caption">{t('alert.evidence.chart')}</figcaption>
            <ResponsiveContainer width="100%" height={180}>
              <BarChart data={comparison.map((f) => ({ name: t(f.key), value: f.value }))} layout="vertical" margin={{ left: 16, right: 24 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" tickFormatter={(v: number) => n(v)} />
                <YAxis type="category" dataKey="name" width={200} />
                <Tooltip formatter={(v) => n(Number(v))} />
                <Bar dataKey="value" isAnimationActive={false}>
                  {comparison.map((f, i) => (
                    <Cell key={f.key} fill={i === 0 ? '#c2410c' : '#64748b'} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </>
      )}
      {facts.length > 0 && (
        <Descriptions column={{ xs: 1, md: 2 }} size="small" className="top-gap">
          {facts.map((f) => (
            <Descriptions.Item key={f.key} label={t(f.key)}>
              {show(f)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {samples.length > 0 && (
        <div className="top-gap">
          <Typography.Text strong>{t('alert.evidence.samples')}</Typography.Text>
          <ul className="sample-list">
            {samples.map((id) => (
              <li key={id}>
                <Typography.Text code copyable>
                  {id}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      {rule && (
        <Typography.Paragraph className="top-gap">
          <Typography.Text strong>{t('alert.evidence.rule')}: </Typography.Text>
          <Typography.Text type="secondary">{rule}</Typography.Text>
        </Typography.Paragraph>
      )}
      <details className="raw-evidence">
        <summary>{t('alert.evidence.raw')}</summary>
        <pre>{JSON.stringify(e, null, 2)}</pre>
      </details>
    </Card>
  );
}
