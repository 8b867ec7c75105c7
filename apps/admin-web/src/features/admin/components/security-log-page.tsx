import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Descriptions, Form, Input, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime, hasMessage, Translate, useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { SecurityEvent, SecurityLogFilter, useSecurityLog } from '../api/security-log-api';

const TYPES = [
  'sign-in.succeeded', 'sign-in.failed', 'sign-in.locked', 'sign-out', 'refresh-token.reused', 'password.changed', 'permission.denied',
  'user.created', 'user.updated', 'user.roles-changed', 'user.status-changed', 'user.password-reset',
  'api-key.created', 'api-key.rotated', 'api-key.revoked', 'ingest.batch-skip-ordered', 'source-system.directory-owner-changed',
  'detection.settings-changed', 'detection.procedure-changed', 'report.generated', 'report.downloaded', 'report.delivery-retried', 'trace.access-reported',
  'incident.opened', 'incident.updated', 'incident.notice-saved', 'incident.notice-finalised', 'incident.sent', 'incident.confirmed', 'incident.reminded', 'incident.late',
];

export const eventTypeLabel = (t: Translate, type: string): string => {
  const key = `admin.log.type.${type}`;
  return hasMessage(key) ? t(key) : type;
};

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

/** An event's details as label and value, objects (a setting before and after) as indented JSON. */
function EventDetails({ event }: { event: SecurityEvent }) {
  const { t } = useI18n();
  // The reason first and the state before a change last: what was done reads before what it replaced.
  const rank = (k: string) => (k === 'reason' ? 0 : k === 'before' ? 2 : 1);
  const entries = Object.entries(event.details ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <Descriptions size="small" column={1} bordered data-testid={`event-details-${event.id}`}
      items={[
        { key: 'actorKind', label: t('admin.log.actorKind'), children: event.actorKind },
        { key: 'clientIp', label: t('admin.log.clientIp'), children: event.clientIp ?? t('state.none') },
        ...entries.map(([k, v]) => ({ key: k, label: k, children: <pre className="details-value">{show(v)}</pre> })),
      ]}
    />
  );
}

/** Nhật ký bảo mật: sign-ins, denials, changes of users, keys and settings; filtered in the address, a page at a time. */
export function SecurityLogPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter: SecurityLogFilter = {
    type: params.get('type') ?? undefined,
    actor: params.get('actor') ?? undefined,
    fromDay: params.get('from') ?? undefined,
    toDay: params.get('to') ?? undefined,
  };
  const [cursors, setCursors] = useState<string[]>([]);
  const log = useSecurityLog(filter, cursors[cursors.length - 1]);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
    setCursors([]);
  };

  return (
    <>
      <PageHeader title={t('admin.log.title')} intro={t('admin.log.intro')} />
      <Form layout="vertical" className="filter-bar" aria-label={t('admin.log.filters')}>
        <Form.Item label={t('admin.log.type')} htmlFor="log-type" className="span-2">
          <Select id="log-type" allowClear showSearch optionFilterProp="label" placeholder={t('integration.rejections.all')} value={filter.type} onChange={(v?: string) => set({ type: v })} options={TYPES.map((ty) => ({ value: ty, label: eventTypeLabel(t, ty) }))} />
        </Form.Item>
        <Form.Item label={t('admin.log.actor')} htmlFor="log-actor">
          <Input.Search key={filter.actor ?? ''} id="log-actor" allowClear defaultValue={filter.actor} maxLength={64} onSearch={(v) => set({ actor: v.trim() || undefined })} enterButton={t('admin.log.find')} />
        </Form.Item>
        <Form.Item label={t('admin.log.period')} htmlFor="log-period" className="span-2">
          <DatePicker.RangePicker
            id={{ start: 'log-period', end: 'log-period-end' }}
            format="DD/MM/YYYY"
            placeholder={[t('admin.log.from'), t('admin.log.to')]}
            allowEmpty={[true, true]}
            value={filter.fromDay || filter.toDay ? [filter.fromDay ? dayjs(filter.fromDay) : null, filter.toDay ? dayjs(filter.toDay) : null] : null}
            onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          />
        </Form.Item>
        <Form.Item label={<span className="visually-hidden">{t('admin.log.reset')}</span>}>
          <Button icon={<ClearOutlined aria-hidden />} onClick={() => set({ type: undefined, actor: undefined, from: undefined, to: undefined })}>
            {t('admin.log.reset')}
          </Button>
        </Form.Item>
      </Form>
      <QueryState isLoading={log.isLoading} error={log.error} isEmpty={log.data?.items.length === 0} emptyText={t('admin.log.empty')} onRetry={() => void log.refetch()}>
        <Table<SecurityEvent>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          pagination={false}
          dataSource={log.data?.items}
          data-testid="security-log"
          expandable={{ expandedRowRender: (e) => <EventDetails event={e} /> }}
          columns={[
            { title: t('admin.log.time'), dataIndex: 'occurredAt', width: 140, render: (v: string) => formatDateTime(v) },
            { title: t('admin.log.type'), dataIndex: 'type', width: 240, render: (v: string) => <Tag data-event-type={v}>{eventTypeLabel(t, v)}</Tag> },
            { title: t('admin.log.actor'), ellipsis: true, render: (_, e) => e.actorName ?? e.actorKind },
            { title: t('admin.log.target'), dataIndex: 'target', ellipsis: true, render: (v: string | null) => v ?? t('state.none') },
            { title: t('admin.log.clientIp'), dataIndex: 'clientIp', width: 130, responsive: ['lg'], render: (v: string | null) => v ?? t('state.none') },
          ]}
        />
        <div className="list-footer">
          <Button disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))}>{t('list.previous')}</Button>
          <Button disabled={!log.data?.nextCursor} onClick={() => log.data?.nextCursor && setCursors([...cursors, log.data.nextCursor])}>{t('list.next')}</Button>
        </div>
      </QueryState>
    </>
  );
}
