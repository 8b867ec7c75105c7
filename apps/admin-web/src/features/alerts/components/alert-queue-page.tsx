import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime, useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { SEVERITIES, SeverityTag } from '@/components/severity-tag';
import { StatusTag } from '@/components/status-tag';
import { useAlertQueue } from '../api/alerts-api';
import type { Alert, AlertFilters } from '../api/alert.type';
import { useShortcuts } from '../hooks/use-shortcuts';
import { AlertFiltersBar, SortOrder } from './alert-filters';
import { alertTypeLabel } from './alert-type-label';
import { SavedViews } from './saved-views';
import { ShortcutsHelp } from './shortcuts-help';

const FILTER_KEYS = ['status', 'type', 'severity', 'accountId', 'unitCode', 'fromDay', 'toDay'] as const;

function filtersOf(params: URLSearchParams): AlertFilters {
  const f: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f as AlertFilters;
}

const severityRank = (s: string) => {
  const i = (SEVERITIES as readonly string[]).indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
};

/** Sorts the alerts loaded so far; the API pages newest first, so "load more" extends every order. */
function sorted(items: Alert[], sort: SortOrder): Alert[] {
  if (sort === 'newest') return items;
  const copy = [...items];
  if (sort === 'oldest') return copy.reverse();
  return copy.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

export function AlertQueuePage() {
  const { t, n } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const sort = (params.get('sort') as SortOrder) || 'newest';
  const [resetKey, setResetKey] = useState(0);
  // -1: none yet; the first j selects the top alert.
  const [selected, setSelected] = useState(-1);
  const [help, setHelp] = useState(false);
  const queue = useAlertQueue(filters);
  const rows = useMemo(() => sorted(queue.data?.pages.flatMap((p) => p.items) ?? [], sort), [queue.data, sort]);

  const update = (next: AlertFilters, nextSort = sort) => {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) p.set(k, next[k]!);
    if (nextSort !== 'newest') p.set('sort', nextSort);
    setParams(p, { replace: true });
    setSelected(-1);
  };

  const focusRow = (i: number) => {
    const index = Math.max(0, Math.min(rows.length - 1, i));
    setSelected(index);
    document.querySelector<HTMLElement>(`[data-row-link="${index}"]`)?.focus();
  };
  useShortcuts({
    j: () => focusRow(selected + 1),
    k: () => focusRow(selected - 1),
    Enter: () => rows[selected] && navigate(`/alerts/${rows[selected].id}`),
    '?': () => setHelp((h) => !h),
  });

  const columns: ColumnsType<Alert> = [
    { title: t('alerts.col.severity'), dataIndex: 'severity', width: 140, render: (s: string) => <SeverityTag severity={s} /> },
    {
      title: t('alerts.col.type'),
      dataIndex: 'type',
      render: (type: string, a, i) => (
        <Link
          to={`/alerts/${a.id}`}
          data-row-link={i}
          onFocus={() => setSelected(i)}
          aria-label={t('alerts.open', { type: alertTypeLabel(t, type), account: a.accountId ?? a.unitCode ?? '' })}
        >
          {alertTypeLabel(t, type)}
        </Link>
      ),
    },
    {
      title: t('alerts.col.account'),
      dataIndex: 'accountId',
      ellipsis: true,
      render: (_: unknown, a) => a.accountId ?? (a.accountIds.length ? t('alerts.accountsMany', { n: n(a.accountIds.length) }) : t('state.none')),
    },
    { title: t('alerts.col.unit'), dataIndex: 'unitCode', width: 120, ellipsis: true, responsive: ['lg'], render: (u: string | null) => u ?? t('state.none') },
    { title: t('alerts.col.window'), dataIndex: 'windowStart', width: 150, render: (w: string) => formatDateTime(w) },
    { title: t('alerts.col.status'), dataIndex: 'status', width: 140, render: (s: string) => <StatusTag status={s} /> },
    { title: t('alerts.col.assignee'), dataIndex: 'assigneeName', width: 140, ellipsis: true, responsive: ['lg'], render: (v: string | null) => v ?? t('state.none') },
    { title: t('alerts.col.occurrences'), dataIndex: 'occurrences', width: 80, align: 'right', responsive: ['xl'], render: (v: number) => n(v) },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <PageHeader
        title={t('alerts.queue.title')}
        intro={t('alerts.queue.intro')}
        extra={
          <Space wrap>
            <SavedViews
              current={params.toString()}
              onOpen={(q) => {
                setResetKey((k) => k + 1);
                setParams(new URLSearchParams(q), { replace: true });
                setSelected(-1);
              }}
            />
            <Button icon={<QuestionCircleOutlined aria-hidden />} onClick={() => setHelp(true)} aria-keyshortcuts="?">
              {t('layout.shortcuts')}
            </Button>
          </Space>
        }
      />
      <AlertFiltersBar
        key={resetKey}
        filters={filters}
        sort={sort}
        onChange={(f) => {
          if (!Object.keys(f).length) setResetKey((k) => k + 1);
          update(f);
        }}
        onSort={(s) => update(filters, s)}
      />
      <QueryState
        isLoading={queue.isLoading}
        error={queue.error}
        isEmpty={rows.length === 0}
        emptyText={t('alerts.empty')}
        onRetry={() => void queue.refetch()}
      >
        <Table<Alert>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={false}
          tableLayout="fixed"
          loading={queue.isFetching && !queue.isFetchingNextPage}
          rowClassName={(_, i) => (i === selected ? 'row-selected' : '')}
          data-testid="alert-queue"
        />
        <div className="list-footer">
          <Typography.Text type="secondary" aria-live="polite">
            {t('alerts.loaded', { n: n(rows.length) })}
          </Typography.Text>
          {queue.hasNextPage && (
            <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
              {t('alerts.loadMore')}
            </Button>
          )}
        </div>
      </QueryState>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
    </Space>
  );
}
