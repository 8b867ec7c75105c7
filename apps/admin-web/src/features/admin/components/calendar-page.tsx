import { CalendarOutlined, CoffeeOutlined, DeleteOutlined, PlusOutlined, ToolOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, message, Select, Space, Table, Tag } from 'antd';
import { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, formatDateTime, useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { PageHeader } from '@/components/page-header';
import { describeError, QueryState } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { CalendarDay, useCalendarActions, useCalendarYear } from '../api/calendar-api';
import { ReasonDialog } from './reason-dialog';

interface NewDay {
  day: Dayjs;
  kind: 'working' | 'day_off';
  name: string;
  reason: string;
}

const noon = (day: string) => `${day}T12:00:00+07:00`;

function KindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  return kind === 'working' ? (
    <Tag icon={<ToolOutlined aria-hidden />} data-kind="working">{t('admin.calendar.working')}</Tag>
  ) : (
    <Tag icon={<CoffeeOutlined aria-hidden />} className="state-active" data-kind="day_off">{t('admin.calendar.dayOff')}</Tag>
  );
}

/** Ngày nghỉ: the year's holidays (computed by rule) and the days admins declared worked or off. */
export function CalendarPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const calendar = useCalendarYear(year);
  const actions = useCalendarActions();
  const [form] = Form.useForm<NewDay>();
  const fieldErrors = useServerFieldErrors(form);
  const [removing, setRemoving] = useState<CalendarDay>();

  const add = async (v: NewDay) => {
    try {
      await actions.put.mutateAsync({ day: v.day.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim(), reason: v.reason.trim() });
      void message.success(t('admin.calendar.added', { day: v.day.format('DD/MM/YYYY') }));
      form.resetFields();
      if (v.day.year() !== year) setParams({ year: String(v.day.year()) }, { replace: true });
    } catch (e) {
      if (!endedSession(e) && !(e instanceof ApiError && fieldErrors(e))) void message.error(describeError(t, e));
    }
  };
  const remove = async (reason: string) => {
    try {
      await actions.remove.mutateAsync({ day: removing!.day, reason });
      void message.success(t('admin.calendar.removed'));
      setRemoving(undefined);
    } catch (e) {
      if (!endedSession(e)) void message.error(describeError(t, e));
    }
  };

  return (
    <>
      <PageHeader title={t('admin.calendar.title')} intro={t('admin.calendar.intro')} />
      <Space direction="vertical" size="middle" className="full-width">
        <Card title={<h2 className="card-title">{t('admin.calendar.declare')}</h2>}>
          <Form form={form} layout="vertical" className="filter-bar" onFinish={add} initialValues={{ kind: 'day_off' }}>
            <Form.Item label={t('admin.calendar.day')} name="day" htmlFor="cal-day" rules={[{ required: true, message: t('admin.calendar.dayRequired') }]}>
              <DatePicker id="cal-day" format="DD/MM/YYYY" className="full-width" />
            </Form.Item>
            <Form.Item label={t('admin.calendar.kind')} name="kind" htmlFor="cal-kind">
              <Select id="cal-kind" options={[{ value: 'day_off', label: t('admin.calendar.dayOff') }, { value: 'working', label: t('admin.calendar.working') }]} />
            </Form.Item>
            <Form.Item label={t('admin.calendar.name')} name="name" htmlFor="cal-name" rules={[{ required: true, whitespace: true, message: t('admin.users.required') }]}>
              <Input id="cal-name" maxLength={200} placeholder={t('admin.calendar.namePlaceholder')} />
            </Form.Item>
            <Form.Item label={t('admin.detection.reason')} name="reason" htmlFor="cal-reason" rules={[{ required: true, whitespace: true, min: 3, message: t('admin.detection.reasonRequired', { n: 3 }) }]}>
              <Input id="cal-reason" maxLength={500} placeholder={t('admin.calendar.reasonPlaceholder')} />
            </Form.Item>
            <Form.Item label={<span className="visually-hidden">{t('admin.calendar.add')}</span>}>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={actions.put.isPending}>
                {t('admin.calendar.add')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
        <Card
          title={<h2 className="card-title">{t('admin.calendar.yearDays', { year })}</h2>}
          extra={
            <Space>
              <label htmlFor="cal-year">{t('admin.calendar.year')}</label>
              <InputNumber id="cal-year" min={1976} max={2199} precision={0} value={year} onChange={(v) => v && setParams({ year: String(v) }, { replace: true })} />
            </Space>
          }
        >
          <QueryState isLoading={calendar.isLoading} error={calendar.error} isEmpty={calendar.data?.days.length === 0} onRetry={() => void calendar.refetch()}>
            <Table<CalendarDay>
              rowKey="day"
              size="small"
              tableLayout="fixed"
              pagination={false}
              dataSource={calendar.data?.days}
              data-testid="calendar-days"
              columns={[
                { title: t('admin.calendar.day'), dataIndex: 'day', width: 110, render: (d: string) => formatDate(noon(d)) },
                { title: t('admin.calendar.kind'), dataIndex: 'kind', width: 150, render: (k: string) => <KindTag kind={k} /> },
                { title: t('admin.calendar.name'), dataIndex: 'name', ellipsis: true },
                {
                  title: t('admin.detection.source'),
                  width: 190,
                  render: (_, d) =>
                    d.source === 'admin' ? <Tag icon={<CalendarOutlined aria-hidden />} data-source="admin">{t('admin.calendar.sourceAdmin')}</Tag> : <Tag data-source="rule">{t('admin.calendar.sourceRule')}</Tag>,
                },
                { title: t('admin.detection.reason'), dataIndex: 'reason', ellipsis: true, responsive: ['lg'], render: (r?: string) => r ?? t('state.none') },
                {
                  title: <span className="visually-hidden">{t('integration.keys.actions')}</span>,
                  width: 100,
                  render: (_, d) =>
                    d.source === 'admin' && (
                      <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('admin.calendar.removeOf', { day: formatDate(noon(d.day)) })} onClick={() => setRemoving(d)}>
                        {t('admin.calendar.remove')}
                      </Button>
                    ),
                },
              ]}
            />
            {calendar.data && calendar.data.changes.length > 0 && (
              <>
                <h3 className="card-subtitle top-gap">{t('admin.calendar.changes')}</h3>
                <ul className="plain-list top-gap">
                  {[...calendar.data.changes].reverse().slice(0, 20).map((c) => (
                    <li key={`${c.day}-${c.at}`} className="action-note">
                      {formatDateTime(c.at)} · {c.actor} · {formatDate(noon(c.day))} · {t(c.action === 'put' ? 'admin.calendar.changePut' : 'admin.calendar.changeDelete')} · {c.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </QueryState>
        </Card>
      </Space>
      <ReasonDialog
        open={!!removing}
        title={t('admin.calendar.removeTitle', { day: removing ? formatDate(noon(removing.day)) : '' })}
        okText={t('admin.calendar.remove')}
        loading={actions.remove.isPending}
        onOk={(r) => void remove(r)}
        onClose={() => setRemoving(undefined)}
      />
    </>
  );
}
