import { PlusOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { formatDateTime, useI18n } from '@/i18n';
import { Incident, useIncidents } from '../api/incidents-api';
import { DeadlineCountdown } from './deadline-countdown';
import { OpenIncidentDialog } from './open-incident-dialog';

const STATUSES = ['open', 'notified', 'closed'] as const;

/** Sự cố: breach incidents with a live countdown to the 72-hour notice deadline; admins open them. */
export function IncidentsPage({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const incidents = useIncidents(status);
  // From an alert's "Mở sự cố": the dialog opens with it.
  const fromAlert = params.get('alert') ?? undefined;
  const [opening, setOpening] = useState(Boolean(fromAlert));
  const close = () => {
    setOpening(false);
    if (fromAlert) {
      const next = new URLSearchParams(params);
      next.delete('alert');
      setParams(next, { replace: true });
    }
  };
  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete('status');
    else next.set('status', value);
    setParams(next);
  };

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <PageHeader
        title={t('incidents.title')}
        intro={t('incidents.intro')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpening(true)}>
              {t('incidents.open')}
            </Button>
          )
        }
      />
      <Segmented
        value={status ?? 'all'}
        onChange={(v) => setStatus(String(v))}
        options={[{ value: 'all', label: t('incidents.status.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) }))]}
        aria-label={t('incidents.col.status')}
      />
      <QueryState isLoading={incidents.isLoading} error={incidents.error} isEmpty={incidents.data?.items.length === 0} emptyText={t('incidents.empty')} onRetry={() => void incidents.refetch()}>
        <Table<Incident>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          dataSource={incidents.data?.items}
          data-testid="incident-list"
          onRow={(i) => ({ 'data-incident-id': i.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '#', dataIndex: 'id', width: 60 },
            { title: t('incidents.field.title'), dataIndex: 'title', ellipsis: true, render: (v: string, i) => <Link to={`/incidents/${i.id}`}>{v}</Link> },
            { title: t('incidents.col.status'), dataIndex: 'status', width: 130, render: (s: Incident['status']) => <Tag>{t(`incidents.status.${s}`)}</Tag> },
            { title: t('incidents.field.discoveredAt'), dataIndex: 'discoveredAt', width: 150, responsive: ['md'], render: (v: string) => formatDateTime(v) },
            { title: t('incidents.col.deadline'), dataIndex: 'deadlineAt', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t('incidents.col.left'),
              width: 170,
              render: (_, i) => <DeadlineCountdown remainingMs={i.remainingMs} late={i.late} fetchedAt={incidents.dataUpdatedAt} />,
            },
            { title: t('incidents.col.number'), dataIndex: 'noticeNumber', width: 110, responsive: ['lg'], render: (v: string | null) => v ?? t('state.none') },
          ]}
        />
      </QueryState>
      <OpenIncidentDialog open={opening} onClose={close} alertId={fromAlert} />
    </Space>
  );
}
