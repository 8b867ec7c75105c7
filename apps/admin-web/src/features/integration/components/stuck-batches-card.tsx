import { Card, Table, Tag } from 'antd';
import { formatDateTime, useI18n } from '@/i18n';
import { QueryState } from '@/components/query-state';
import { StuckBatch, useStuckBatches } from '../api/integration-api';

/** Kafka batches that could not be decoded: each held its partition until someone ordered it skipped. */
export function StuckBatchesCard() {
  const { t, n } = useI18n();
  const batches = useStuckBatches();
  return (
    <Card title={<h2 className="card-title">{t('integration.stuck.title')}</h2>} data-testid="stuck-batches">
      <QueryState compact isLoading={batches.isLoading} error={batches.error} isEmpty={batches.data?.length === 0} emptyText={t('integration.stuck.empty')} onRetry={() => void batches.refetch()}>
        <Table<StuckBatch>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          pagination={false}
          dataSource={batches.data}
          columns={[
            { title: t('integration.stuck.where'), ellipsis: true, render: (_, b) => `${b.topic} #${b.partition} @ ${b.firstOffset}–${b.lastOffset}` },
            { title: t('integration.stuck.records'), dataIndex: 'recordCount', width: 100, align: 'right', render: (v: number) => n(v) },
            { title: t('integration.stuck.error'), dataIndex: 'error', ellipsis: { showTitle: true }, responsive: ['lg'] },
            { title: t('integration.stuck.detectedAt'), dataIndex: 'detectedAt', width: 140, render: (v: string) => formatDateTime(v) },
            {
              title: t('integration.status'),
              width: 150,
              render: (_, b) => <Tag>{t(b.skippedAt ? 'integration.stuck.skipped' : b.skipRequestedAt ? 'integration.stuck.skipOrdered' : 'integration.stuck.holding')}</Tag>,
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}
