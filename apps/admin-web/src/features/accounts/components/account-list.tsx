import { Checkbox, Form, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, useI18n } from '@/i18n';
import { QueryState } from '@/components/query-state';
import { Account, AccountFilters, PAGE_SIZE, useAccounts } from '../api/accounts-api';
import { AccountStateTag } from './account-state-tag';
import { LockDue } from './lock-due';

/** "Locks this week": the API's lockDueWithinDays. */
const DUE_SOON_DAYS = 7;

/** Every account: search, state, unit, due soon; filters and page in the address. */
export function AccountList() {
  const { t, n } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<AccountFilters>(
    () => ({
      search: params.get('search') ?? undefined,
      state: (params.get('state') as AccountFilters['state']) ?? undefined,
      unitCode: params.get('unitCode') ?? undefined,
      lockDueWithinDays: params.get('dueSoon') ? DUE_SOON_DAYS : undefined,
    }),
    [params],
  );
  const page = Number(params.get('page') ?? 1);
  const accounts = useAccounts(filters, page);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<Account> = [
    {
      title: t('accounts.col.account'),
      dataIndex: 'accountId',
      ellipsis: true,
      render: (id: string) => <Link to={`/accounts/${encodeURIComponent(id)}`}>{id}</Link>,
    },
    { title: t('accounts.col.name'), dataIndex: 'fullName', ellipsis: true, render: (v: string | null) => v ?? t('state.none') },
    { title: t('alerts.col.unit'), dataIndex: 'unitCode', width: 130, ellipsis: true, responsive: ['lg'], render: (v: string | null) => v ?? t('state.none') },
    { title: t('accounts.col.state'), dataIndex: 'state', width: 140, render: (s: string) => <AccountStateTag state={s} /> },
    { title: t('accounts.col.lastActivity'), dataIndex: 'lastActivityAt', width: 160, responsive: ['md'], render: (v: string | null) => (v ? formatDateTime(v) : t('state.none')) },
    { title: t('accounts.col.lockDue'), dataIndex: 'lockDueOn', width: 200, render: (_: unknown, a) => <LockDue account={a} /> },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Form layout="vertical" className="filter-bar" role="search" aria-label={t('accounts.filter.label')}>
        <Form.Item label={t('accounts.filter.search')} htmlFor="a-search">
          <Input.Search id="a-search" defaultValue={filters.search} allowClear onSearch={(v) => set('search', v.trim() || undefined)} />
        </Form.Item>
        <Form.Item label={t('accounts.col.state')} htmlFor="a-state">
          <Select
            id="a-state"
            value={filters.state ?? ''}
            onChange={(v) => set('state', v || undefined)}
            options={[
              { value: '', label: t('alerts.filter.any') },
              { value: 'active', label: t('accounts.state.active') },
              { value: 'locked', label: t('accounts.state.locked') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('alerts.filter.unit')} htmlFor="a-unit">
          <Input.Search id="a-unit" defaultValue={filters.unitCode} allowClear onSearch={(v) => set('unitCode', v.trim() || undefined)} />
        </Form.Item>
        <Form.Item label={<span className="visually-hidden">{t('accounts.filter.dueSoon')}</span>}>
          <Checkbox checked={!!filters.lockDueWithinDays} onChange={(e) => set('dueSoon', e.target.checked ? '1' : undefined)}>
            {t('accounts.filter.dueSoon')}
          </Checkbox>
        </Form.Item>
      </Form>
      <QueryState
        isLoading={accounts.isLoading}
        error={accounts.error}
        isEmpty={accounts.data?.items.length === 0}
        emptyText={t('accounts.empty')}
        onRetry={() => void accounts.refetch()}
      >
        <Table<Account>
          rowKey="accountId"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={accounts.data?.items}
          loading={accounts.isFetching}
          data-testid="account-list"
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: accounts.data?.total,
            showSizeChanger: false,
            showTotal: (total) => t('accounts.total', { n: n(total) }),
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
            },
          }}
        />
      </QueryState>
    </Space>
  );
}
