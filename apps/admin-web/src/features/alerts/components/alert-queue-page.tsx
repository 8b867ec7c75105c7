import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime, useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { SeverityTag } from '@/components/severity-tag';
import { StatusTag } from '@/components/status-tag';
import { useAlertQueue } from '../api/alerts-api';
import { DEFAULT_SORT, QUEUE_SORTS, type Alert, type AlertFilters, type QueueSort, type QueueSortKey } from '../api/alert.type';
import { useShortcuts } from '../hooks/use-shortcuts';
import { AlertFiltersBar } from './alert-filters';
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

/** Orders saved before the API sorted (a saved view keeps its address); the old "severity" reads as it did. */
const LEGACY_SORTS: Record<string, QueueSort> = {
  newest: DEFAULT_SORT,
  oldest: { sort: 'window', order: 'asc' },
};

/** The order in the address: sort (default window) and order (default desc). */
function sortOf(params: URLSearchParams): QueueSort {
  const sort = params.get('sort') ?? '';
  if (LEGACY_SORTS[sort]) return LEGACY_SORTS[sort];
  return {
    sort: (QUEUE_SORTS as readonly string[]).includes(sort) ? (sort as QueueSortKey) : DEFAULT_SORT.sort,
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

/** The header's sort arrow for a column sorted by the API. */
const sortedBy = (current: QueueSort, key: QueueSortKey): SortOrder | null =>
  current.sort === key ? (current.order === 'asc' ? 'ascend' : 'descend') : null;

export function AlertQueuePage() {
  const { t, n } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const sort = useMemo(() => sortOf(params), [params]);
  const [resetKey, setResetKey] = useState(0);
  // -1: none yet; the first j selects the top alert.
  const [selected, setSelected] = useState(-1);
  const [help, setHelp] = useState(false);
  const queue = useAlertQueue(filters, sort);
  const rows = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);

  const update = (next: AlertFilters, nextSort: QueueSort = sort) => {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) p.set(k, next[k]!);
    if (nextSort.sort !== DEFAULT_SORT.sort) p.set('sort', nextSort.sort);
    if (nextSort.order !== DEFAULT_SORT.order) p.set('order', nextSort.order);
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
    {
      title: t('alerts.col.severity'),
      key: 'severity',
      dataIndex: 'severity',
      width: 140,
      sorter: true,
      sortOrder: sortedBy(sort, 'severity'),
      render: (s: string) => <SeverityTag severity={s} />,
    },
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
    { title: t('alerts.col.window'), key: 'window', dataIndex: 'windowStart', width: 150, sorter: true, sortOrder: sortedBy(sort, 'window'), render: (w: string) => formatDateTime(w) },
    { title: t('alerts.col.score'), key: 'score', dataIndex: 'score', width: 90, align: 'right', responsive: ['lg'], sorter: true, sortOrder: sortedBy(sort, 'score'), render: (v: number) => n(v) },
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
          sortDirections={['descend', 'ascend', 'descend']}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = (QUEUE_SORTS as readonly string[]).includes(String(s?.columnKey)) ? (s.columnKey as QueueSortKey) : DEFAULT_SORT.sort;
            update(filters, s?.order ? { sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' } : DEFAULT_SORT);
          }}
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
