import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '@/i18n';
import { SEVERITIES } from '@/components/severity-tag';
import { STATUSES } from '@/components/status-tag';
import { QUEUE_SORTS, type AlertFilters, type QueueSort } from '../api/alert.type';
import { alertTypeLabel } from './alert-type-label';
import { KNOWN_TYPES } from './alert-types.constant';

interface Props {
  filters: AlertFilters;
  sort: QueueSort;
  onChange(filters: AlertFilters): void;
  onSort(sort: QueueSort): void;
}

const SORT_OPTIONS = QUEUE_SORTS.flatMap((sort) => (['desc', 'asc'] as const).map((order) => ({ sort, order })));

const ANY = '';

/** The queue's filters (kept in the address, so a shared or reopened link shows the same queue). */
export function AlertFiltersBar({ filters, sort, onChange, onSort }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<AlertFilters>) => onChange({ ...filters, ...patch });
  const any = { value: ANY, label: t('alerts.filter.any') };
  return (
    <Form layout="vertical" className="filter-bar" aria-label={t('alerts.filter.label')} role="search">
      <Form.Item label={t('alerts.filter.status')} htmlFor="f-status">
        <Select
          id="f-status"
          value={filters.status ?? ANY}
          onChange={(v) => set({ status: (v || undefined) as AlertFilters['status'] })}
          options={[{ value: ANY, label: t('alerts.filter.statusQueue') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label={t('alerts.filter.severity')} htmlFor="f-severity">
        <Select
          id="f-severity"
          value={filters.severity ?? ANY}
          onChange={(v) => set({ severity: v || undefined })}
          options={[any, ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))]}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label={t('alerts.filter.type')} htmlFor="f-type">
        <Select
          id="f-type"
          value={filters.type ?? ANY}
          onChange={(v) => set({ type: v || undefined })}
          options={[any, ...KNOWN_TYPES.map((k) => ({ value: k, label: alertTypeLabel(t, k) }))]}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label={t('alerts.filter.account')} htmlFor="f-account">
        <Input.Search
          id="f-account"
          defaultValue={filters.accountId}
          allowClear
          onSearch={(v) => set({ accountId: v.trim() || undefined })}
        />
      </Form.Item>
      <Form.Item label={t('alerts.filter.unit')} htmlFor="f-unit">
        <Input.Search id="f-unit" defaultValue={filters.unitCode} allowClear onSearch={(v) => set({ unitCode: v.trim() || undefined })} />
      </Form.Item>
      <Form.Item label={t('alerts.filter.period')} htmlFor="f-period">
        <DatePicker.RangePicker
          id={{ start: 'f-period', end: 'f-period-end' }}
          format="DD/MM/YYYY"
          placeholder={[t('alerts.filter.periodFrom'), t('alerts.filter.periodTo')]}
          value={filters.fromDay && filters.toDay ? [dayjs(filters.fromDay), dayjs(filters.toDay)] : null}
          onChange={(range) =>
            set({ fromDay: range?.[0]?.format('YYYY-MM-DD') ?? undefined, toDay: range?.[1]?.format('YYYY-MM-DD') ?? undefined })
          }
        />
      </Form.Item>
      <Form.Item label={t('alerts.sort.label')} htmlFor="f-sort">
        <Select<string>
          id="f-sort"
          value={`${sort.sort}:${sort.order}`}
          onChange={(v) => onSort(SORT_OPTIONS.find((o) => `${o.sort}:${o.order}` === v)!)}
          options={SORT_OPTIONS.map((o) => ({
            value: `${o.sort}:${o.order}`,
            label: `${t(`alerts.sort.key.${o.sort}`)} (${t(`alerts.sort.order.${o.order}`)})`,
          }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label={<span className="visually-hidden">{t('alerts.filter.reset')}</span>}>
        <Button icon={<ClearOutlined aria-hidden />} onClick={() => onChange({})}>
          {t('alerts.filter.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
