import { List, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SeverityTag } from '@/components/severity-tag';
import { formatDate, formatDateTime, useI18n } from '@/i18n';
import type { TimelineAlert } from '../api/trace-api';
import { useCodeLabel } from './trace-result-tag';

/** A local day (YYYY-MM-DD) as the axis shows it: 20/11. */
export const dayLabel = (day: string) => formatDate(`${day}T12:00:00+07:00`).slice(0, 5);
export const fullDay = (day: string) => formatDate(`${day}T12:00:00+07:00`);

/** The alerts a timeline names: severity (word and icon), type, status, window and explanation. */
export function TimelineAlerts({ alerts }: { alerts: TimelineAlert[] }) {
  const { t, lang } = useI18n();
  const label = useCodeLabel();
  return (
    <List
      size="small"
      className="trace-list"
      data-testid="timeline-alerts"
      locale={{ emptyText: t('trace.timeline.noAlerts') }}
      dataSource={alerts}
      renderItem={(a) => (
        <List.Item key={a.id}>
          <List.Item.Meta
            title={
              <span>
                <SeverityTag severity={a.severity} /> {label('alertType', a.type)} · {label('status', a.status)}
              </span>
            }
            description={`${formatDateTime(a.windowStart)} – ${formatDateTime(a.windowEnd)} · ${lang === 'vi' ? a.explanationVi : a.explanationEn}`}
          />
        </List.Item>
      )}
    />
  );
}

/** Groups (by account, unit or dossier) with their counts: the text form of a chart, and more. */
export function CountTable<T extends { lookups: number; events: number; firstAt: string; lastAt: string }>({
  rows,
  first,
  testId,
}: {
  rows: T[];
  first: ColumnsType<T>;
  testId: string;
}) {
  const { t, n } = useI18n();
  const columns: ColumnsType<T> = [
    ...first,
    { title: t('trace.timeline.lookups'), dataIndex: 'lookups', width: 80, align: 'right', render: (v: number) => n(v) },
    { title: t('trace.timeline.events'), dataIndex: 'events', width: 80, align: 'right', responsive: ['xxl'], render: (v: number) => n(v) },
    { title: t('trace.timeline.first'), dataIndex: 'firstAt', width: 142, responsive: ['xxl'], render: (v: string) => formatDateTime(v) },
    { title: t('trace.timeline.last'), dataIndex: 'lastAt', width: 142, render: (v: string) => formatDateTime(v) },
  ];
  return <Table<T> size="small" tableLayout="fixed" rowKey={(_, i) => String(i)} columns={columns} dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid={testId} />;
}
