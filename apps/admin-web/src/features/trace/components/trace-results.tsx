import { EyeOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { describeError } from '@/components/query-state';
import { formatDateTime, useI18n } from '@/i18n';
import { TraceCase, TraceEvent, TraceSearchPage, useReveal } from '../api/trace-api';
import { TraceResultTag, useCodeLabel } from './trace-result-tag';

interface Props {
  pages: TraceSearchPage[];
  traceCase: TraceCase;
  canReveal: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  onAccount: (accountId: string) => void;
  extra?: React.ReactNode;
}

/** The keyed hash, shortened: enough to tell citizens apart on the page (the full one is in the tooltip). */
export const shortHash = (hash: string) => `${hash.slice(0, 10)}…`;

/** The events found, newest first, with the total and "load more" (the API's cursor). */
export function TraceResults({ pages, traceCase, canReveal, hasMore, loadingMore, onMore, onAccount, extra }: Props) {
  const { t, n } = useI18n();
  const label = useCodeLabel();
  const [revealing, setRevealing] = useState<TraceEvent | null>(null);
  // Shown on this page only, kept nowhere.
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const events = pages.flatMap((p) => p.items);
  const total = pages[0]?.total;
  const none = t('state.none');

  const columns: ColumnsType<TraceEvent> = [
    { title: t('trace.col.time'), dataIndex: 'occurredAt', width: 142, render: (v: string) => formatDateTime(v) },
    {
      title: t('trace.col.accountUnit'),
      dataIndex: 'accountId',
      ellipsis: true,
      render: (id: string, e) => (
        <>
          <Button type="link" size="small" className="link-cell cell-line" onClick={() => onAccount(id)} aria-label={t('trace.openAccount', { account: id })}>
            {id}
          </Button>
          <Typography.Text type="secondary" className="cell-line">{e.unitCode ?? none}</Typography.Text>
        </>
      ),
    },
    {
      title: t('trace.col.ipSource'),
      dataIndex: 'clientIp',
      width: 124,
      responsive: ['lg'],
      render: (ip: string, e) => (
        <>
          <span className="cell-line" title={ip}>{ip}</span>
          <Typography.Text type="secondary" className="cell-line">{e.sourceSystem}</Typography.Text>
        </>
      ),
    },
    { title: t('trace.col.action'), dataIndex: 'action', width: 92, ellipsis: true, render: (v: string) => label('trace.action', v) },
    { title: t('trace.col.result'), dataIndex: 'result', width: 128, render: (v: string) => <TraceResultTag result={v} /> },
    { title: t('trace.col.fields'), dataIndex: 'fields', ellipsis: true, render: (v: string[]) => (v.length ? v.join(', ') : none) },
    {
      title: t('trace.col.dossier'),
      key: 'dossier',
      ellipsis: true,
      render: (_, e) => (
        <>
          <span className="cell-line" title={e.dossierCode ?? undefined}>{e.dossierCode ?? none}</span>
          <Typography.Text type="secondary" className="cell-line">{e.procedureCode ?? none}</Typography.Text>
        </>
      ),
    },
    {
      title: t('trace.col.citizen'),
      key: 'citizen',
      width: 150,
      render: (_, e) => {
        if (revealed[e.eventId]) return <strong data-testid="revealed-id">{revealed[e.eventId]}</strong>;
        if (!e.subjectHash) return e.subjectCount ? t('trace.citizens', { n: n(e.subjectCount) }) : none;
        return (
          <span className="citizen-cell">
            <Tooltip title={e.subjectHash}>
              <code aria-label={t('trace.hashOf', { hash: e.subjectHash })}>{shortHash(e.subjectHash)}</code>
            </Tooltip>
            {canReveal && e.subjectRevealable && (
              <Button size="small" type="text" icon={<EyeOutlined aria-hidden />} onClick={() => setRevealing(e)} aria-label={t('trace.reveal.open')} />
            )}
          </span>
        );
      },
    },
  ];

  return (
    <Card
      title={<h2 className="card-title">{t('trace.results.title')}</h2>}
      extra={
        total && (
          <span data-testid="trace-total" data-total={total.value} data-exact={String(total.exact)}>
            {total.exact ? t('trace.results.total', { n: n(total.value) }) : t('trace.results.estimate', { n: n(total.value) })}
          </span>
        )
      }
    >
      {extra && <div className="trace-results-extra">{extra}</div>}
      <Table<TraceEvent>
        rowKey={(e) => `${e.sourceSystem}/${e.eventId}`}
        size="small"
        tableLayout="fixed"
        columns={columns}
        dataSource={events}
        pagination={false}
        locale={{ emptyText: t('trace.results.empty') }}
        data-testid="trace-results"
        onRow={(e) => ({ 'data-event-id': e.eventId }) as React.HTMLAttributes<HTMLElement>}
      />
      <div className="list-footer">
        <span>{t('trace.results.shown', { n: n(events.length) })}</span>
        {hasMore && (
          <Button onClick={onMore} loading={loadingMore}>
            {t('trace.results.more')}
          </Button>
        )}
      </div>
      {revealing && (
        <RevealDialog
          event={revealing}
          traceCase={traceCase}
          onClose={() => setRevealing(null)}
          onRevealed={(id) => {
            setRevealed((r) => ({ ...r, [revealing.eventId]: id }));
            setRevealing(null);
          }}
        />
      )}
    </Card>
  );
}

function RevealDialog({ event, traceCase, onClose, onRevealed }: { event: TraceEvent; traceCase: TraceCase; onClose: () => void; onRevealed: (id: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useReveal();
  const submit = ({ reason }: { reason: string }) =>
    reveal.mutate({ case: traceCase, event, reason: reason.trim() }, { onSuccess: (r) => onRevealed(r.subjectId) });
  return (
    <Modal open title={t('trace.reveal.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('trace.reveal.submit')} confirmLoading={reveal.isPending} destroyOnHidden>
      <p>{t('trace.reveal.intro')}</p>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('trace.reveal.reason')} htmlFor="reveal-reason" rules={[{ required: true, whitespace: true, min: 5, message: t('trace.reveal.reasonRequired') }]}>
          <Input.TextArea id="reveal-reason" rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {reveal.error && <Typography.Text type="danger" role="alert">{describeError(t, reveal.error)}</Typography.Text>}
    </Modal>
  );
}
