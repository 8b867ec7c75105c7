import { Button, Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { QueryState } from '@/components/query-state';
import { formatDateTime, useI18n } from '@/i18n';
import { TraceHistoryEntry, useTraceHistory } from '../api/trace-api';
import { shortHash } from './trace-results';
import { useCodeLabel } from './trace-result-tag';

/** The criteria as recorded, in one line: "accountIds: cb.a, cb.b; from: …" (citizens only as hashes). */
function describeCriteria(criteria: Record<string, unknown>): string {
  return Object.entries(criteria)
    .filter(([key]) => key !== 'subjectHashes')
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? formatDateTime(value) : String(value)}`)
    .join('; ');
}

/** The signed-in auditor's own searches, timelines, exports and reveals, as the security log recorded them. */
export function TraceHistory() {
  const { t, n } = useI18n();
  const label = useCodeLabel();
  const history = useTraceHistory();
  const entries = history.data?.pages.flatMap((p) => p.items) ?? [];
  const none = t('state.none');
  const columns: ColumnsType<TraceHistoryEntry> = [
    { title: t('trace.col.time'), dataIndex: 'occurredAt', width: 142, render: (v: string) => formatDateTime(v) },
    { title: t('trace.history.kind'), dataIndex: 'type', width: 150, render: (v: string) => label('trace.history.type', v) },
    { title: t('trace.form.caseReference'), dataIndex: 'caseReference', width: 150, ellipsis: true, render: (v: string | null) => v ?? none },
    { title: t('trace.form.purpose'), dataIndex: 'purpose', ellipsis: true, render: (v: string | null) => v ?? none },
    { title: t('trace.history.criteria'), dataIndex: 'criteria', ellipsis: true, render: (v: Record<string, unknown>) => describeCriteria(v) || none },
    { title: t('trace.col.citizen'), dataIndex: 'subjects', width: 130, render: (v: string[]) => (v.length ? v.map(shortHash).join(', ') : none) },
    { title: t('trace.history.rows'), dataIndex: 'rows', width: 90, align: 'right', render: (v: number | null) => (v === null ? none : n(v)) },
  ];
  return (
    <Card title={<h2 className="card-title">{t('trace.history.title')}</h2>} data-testid="trace-history">
      <p className="card-note">{t('trace.history.intro')}</p>
      <QueryState isLoading={history.isLoading} error={history.error} isEmpty={entries.length === 0} emptyText={t('trace.history.empty')} onRetry={() => void history.refetch()}>
        <Table<TraceHistoryEntry> rowKey="id" size="small" tableLayout="fixed" columns={columns} dataSource={entries} pagination={false} />
        {history.hasNextPage && (
          <div className="list-footer">
            <span />
            <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
              {t('trace.results.more')}
            </Button>
          </div>
        )}
      </QueryState>
    </Card>
  );
}
