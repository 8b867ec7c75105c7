import { Alert, Button, Space, Tabs } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { ErrorNotice, PageLoading } from '@/components/query-state';
import { localDayOf, useI18n } from '@/i18n';
import { ApiError } from '@/lib/api-client';
import { TraceSearch, useTraceSearch } from '../api/trace-api';
import { dayStart, readSearch, writeSearch } from '../api/trace-params';
import { splitIds, usePersonalIds } from '../hooks/personal-ids';
import { AccountTimelineView } from './account-timeline';
import { CitizenTimelineView } from './citizen-timeline';
import { ExportButtons } from './export-panel';
import { TraceHistory } from './trace-history';
import { TraceResults } from './trace-results';
import { listsOf, TraceFormValues, TraceSearchForm } from './trace-search-form';

interface Props {
  userId: string;
  canReveal: boolean;
  canExport: boolean;
}

type Tab = 'results' | 'citizen' | 'account' | 'history';
const DAY_MS = 86_400_000;
/** An account's timeline without a period in the search: its last 30 days. */
const DEFAULT_ACCOUNT_DAYS = 30;

/** Tra cứu: auditors search the stored lookups under a case, draw timelines, export evidence, see their own record. */
export function TracePage({ userId, canReveal, canExport }: Props) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const addressed = useMemo(() => readSearch(params), [params]);
  const [personalIds, setPersonalIds] = usePersonalIds(userId);
  // A search that had citizens is not repeated without them (a reload forgets the IDs): it would find far more.
  const missingIds = Boolean(addressed?.hadSubjects && personalIds.length === 0);
  const search = useMemo<TraceSearch | null>(
    () => (addressed && !missingIds ? { case: addressed.case, criteria: addressed.criteria, subjectIds: personalIds } : null),
    [addressed, missingIds, personalIds],
  );
  const results = useTraceSearch(search);
  const tab = (params.get('tab') as Tab | null) ?? 'results';
  const account = params.get('account');

  const setTab = (next: Tab, extra: Record<string, string> = {}) => {
    const p = new URLSearchParams(params);
    p.set('tab', next);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    setParams(p);
  };

  const onSearch = (values: TraceFormValues) => {
    const ids = splitIds(values.subjectIds ?? '');
    setPersonalIds(ids);
    const [from, to] = values.period ?? [null, null];
    const next = writeSearch(params, {
      case: { caseReference: values.caseReference.trim(), purpose: values.purpose.trim() },
      lists: listsOf(values),
      explained: values.explained === '' || values.explained === undefined ? undefined : values.explained === 'true',
      fromDay: from?.format('YYYY-MM-DD'),
      toDay: to?.format('YYYY-MM-DD'),
      hadSubjects: ids.length > 0,
    });
    next.set('tab', 'results');
    setParams(next);
  };

  const accountPeriod = () => {
    const to = addressed?.criteria.to ?? dayStart(localDayOf(new Date(Date.now() + DAY_MS)));
    const from = addressed?.criteria.from ?? new Date(new Date(to).getTime() - DEFAULT_ACCOUNT_DAYS * DAY_MS).toISOString();
    return { from, to };
  };

  const refused = results.error instanceof ApiError && results.error.status === 400 ? results.error : null;
  const items = [
    {
      key: 'results',
      label: t('trace.tab.results'),
      children: !search ? (
        !missingIds && <Alert type="info" showIcon message={t('trace.results.start')} />
      ) : results.isLoading ? (
        <PageLoading />
      ) : results.error ? (
        <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <TraceResults
          pages={results.data?.pages ?? []}
          traceCase={search.case}
          canReveal={canReveal}
          hasMore={results.hasNextPage}
          loadingMore={results.isFetchingNextPage}
          onMore={() => void results.fetchNextPage()}
          onAccount={(id) => setTab('account', { account: id })}
          extra={canExport && <ExportButtons search={search} canReveal={canReveal} />}
        />
      ),
    },
    {
      key: 'citizen',
      label: t('trace.tab.citizen'),
      disabled: !search || personalIds.length !== 1,
      children: search && personalIds.length === 1 && (
        <CitizenTimelineView traceCase={search.case} subjectId={personalIds[0]} from={search.criteria.from} to={search.criteria.to} />
      ),
    },
    {
      key: 'account',
      label: t('trace.tab.account'),
      disabled: !addressed || !account,
      children: addressed && account && <AccountTimelineView traceCase={addressed.case} accountId={account} {...accountPeriod()} />,
    },
    { key: 'history', label: t('trace.tab.history'), children: <TraceHistory /> },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <PageHeader title={t('trace.title')} intro={t('trace.intro')} />
      <TraceSearchForm initial={addressed} personalIds={personalIds} onSearch={onSearch} serverError={refused} busy={results.isFetching && !results.isFetchingNextPage} />
      {missingIds && (
        <Alert
          type="warning"
          showIcon
          message={t('trace.results.reenterIds')}
          action={<Button onClick={() => setParams(new URLSearchParams())}>{t('trace.form.clear')}</Button>}
        />
      )}
      <Tabs activeKey={tab} onChange={(k) => setTab(k as Tab)} items={items} destroyOnHidden />
    </Space>
  );
}
