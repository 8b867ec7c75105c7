import { Button, Card, Form, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime, MessageKey, Translate, useI18n } from '@/i18n';
import { QueryState } from '@/components/query-state';
import { reasonLabel } from '@/components/rejection-reason';
import { Rejection, useRejections } from '../api/integration-api';

const REASONS = ['schema_violation', 'invalid_json', 'unsupported_schema_version', 'unstorable_text', 'unstorable_value', 'source_mismatch'];
const SOURCES = ['http', 'kafka', 'file'];

/** Where a record came from: the request's line, the topic's partition and offset, or the file's line. */
function originOf(t: Translate, r: Rejection): string {
  const o = r.origin as Record<string, string | number | undefined>;
  if (o.topic !== undefined) return t('integration.rejections.atOffset', { topic: String(o.topic), partition: String(o.partition), offset: String(o.offset) });
  if (o.file !== undefined) return t('integration.rejections.atFileLine', { file: String(o.file), line: String(o.line) });
  return t('integration.rejections.atLine', { line: String(o.line ?? '?') });
}

/** Rejected records with what was wrong (record, field, reason), filtered by source and reason, counted by reason. */
export function RejectionsCard() {
  const { t, n } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter = { source: params.get('rejSource') ?? undefined, reason: params.get('rejReason') ?? undefined };
  // The cursors of the pages before this one: back is a pop, next a push.
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors[cursors.length - 1];
  const rejections = useRejections(filter, before);

  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    setCursors([]);
  };

  return (
    <Card title={<h2 className="card-title">{t('integration.rejections.title')}</h2>} data-testid="rejections">
      <p className="card-intro">{t('integration.rejections.intro')}</p>
      <Form layout="inline" className="key-form">
        <Form.Item label={t('integration.rejections.source')} htmlFor="rej-source">
          <Select id="rej-source" className="filter-select" allowClear placeholder={t('integration.rejections.all')} value={filter.source} onChange={(v?: string) => setFilter('rejSource', v)} options={SOURCES.map((s) => ({ value: s, label: t(`integration.source.${s}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item label={t('integration.rejections.reason')} htmlFor="rej-reason">
          <Select id="rej-reason" className="filter-select-wide" allowClear placeholder={t('integration.rejections.all')} value={filter.reason} onChange={(v?: string) => setFilter('rejReason', v)} options={REASONS.map((r) => ({ value: r, label: reasonLabel(t, r) }))} />
        </Form.Item>
      </Form>
      {rejections.data && rejections.data.countsByReason.length > 0 && (
        <div className="top-gap" data-testid="rejection-counts" aria-label={t('integration.rejections.counts')} role="group">
          <Space size={[8, 8]} wrap>
            {rejections.data.countsByReason.map((c) => (
              <Tag key={c.reason} data-reason={c.reason}>
                {reasonLabel(t, c.reason)}: <strong>{n(c.count)}</strong>
              </Tag>
            ))}
          </Space>
        </div>
      )}
      <div className="top-gap">
        <QueryState compact isLoading={rejections.isLoading} error={rejections.error} isEmpty={rejections.data?.items.length === 0} emptyText={t('integration.rejections.empty')} onRetry={() => void rejections.refetch()}>
          <Table<Rejection>
            rowKey="id"
            size="small"
            tableLayout="fixed"
            pagination={false}
            dataSource={rejections.data?.items}
            data-testid="rejection-list"
            expandable={{
              expandedRowRender: (r) => (
                <div className="raw-evidence">
                  <p className="field-list-title">{t('integration.rejections.raw')}</p>
                  <pre>{r.raw}</pre>
                </div>
              ),
            }}
            columns={[
              { title: t('integration.rejections.receivedAt'), dataIndex: 'receivedAt', width: 130, render: (v: string) => formatDateTime(v) },
              { title: t('integration.rejections.where'), width: 170, ellipsis: true, responsive: ['lg'], render: (_, r) => `${t(`integration.source.${r.source}` as MessageKey)} · ${originOf(t, r)}` },
              { title: t('integration.rejections.reason'), dataIndex: 'reason', width: 160, render: (v: string) => <Tag data-reason={v}>{reasonLabel(t, v)}</Tag> },
              { title: t('integration.rejections.field'), dataIndex: 'field', width: 130, ellipsis: true, render: (v: string | null) => (v ? <code>{v}</code> : t('state.none')) },
              { title: t('integration.rejections.message'), dataIndex: 'message', ellipsis: { showTitle: true } },
            ]}
          />
          <div className="list-footer">
            <Button disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))}>{t('list.previous')}</Button>
            <Button disabled={!rejections.data?.nextCursor} onClick={() => rejections.data?.nextCursor && setCursors([...cursors, rejections.data.nextCursor])}>{t('list.next')}</Button>
          </div>
        </QueryState>
      </div>
    </Card>
  );
}
