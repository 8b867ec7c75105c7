import { Card, Descriptions, Tag } from 'antd';
import { formatDateTime, useI18n } from '@/i18n';
import { QueryState } from '@/components/query-state';
import { reasonLabel } from './rejection-reason';
import { useIngestStatus } from './use-ingest-status';

/** Whether events are coming in (the overview's and the integration page's card): the rate stored, the last one, the Kafka lag, the day's rejections by reason. */
export function IngestStatusCard() {
  const { t, n } = useI18n();
  const status = useIngestStatus(true);
  const s = status.data;
  const lag = () => {
    if (!s?.kafka) return t('ingest.status.kafkaOff');
    if (s.kafka.totalLag === null) return t('ingest.status.kafkaError', { reason: s.kafka.error ?? '' });
    return t('ingest.status.lagValue', { lag: n(s.kafka.totalLag), partitions: n(s.kafka.partitions.length) });
  };
  return (
    <Card title={<h2 className="card-title">{t('ingest.status.title')}</h2>} className="full-height" data-testid="ingest-card">
      <QueryState isLoading={status.isLoading} error={status.error} onRetry={() => void status.refetch()}>
        {s && (
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label={t('ingest.status.lastMinute')}>
              <span data-testid="ingest-last-minute">{n(s.accepted.lastMinute)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('ingest.status.lastHour')}>
              <span data-testid="ingest-last-hour">{n(s.accepted.lastHour)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('ingest.status.lastAccepted')}>{s.lastAcceptedAt ? formatDateTime(s.lastAcceptedAt) : t('ingest.status.never')}</Descriptions.Item>
            <Descriptions.Item label={t('ingest.status.lag')}>{lag()}</Descriptions.Item>
            <Descriptions.Item label={t('ingest.status.rejections')}>
              <span data-testid="ingest-rejections">{n(s.rejections.total)}</span>
              {s.rejections.byReason.slice(0, 3).map((r) => (
                <Tag key={r.reason} className="reason-tag">
                  {reasonLabel(t, r.reason)}: {n(r.count)}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
        )}
      </QueryState>
    </Card>
  );
}
