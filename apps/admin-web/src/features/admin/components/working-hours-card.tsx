import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, message, Radio, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { formatDateTime, MessageKey, useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { describeError, QueryState } from '@/components/query-state';
import { UnitKindHours, useUnitActions, useUnitKinds, useWorkingHours, WeeklySchedule } from '../api/units-api';
import { ReasonDialog } from './reason-dialog';
import { periodsValid, scheduleOf, scheduleText, Weekday, WEEKDAYS } from './schedule-input';

interface Values {
  mode: 'kind' | 'own';
  unitKind?: string;
  days: Record<Weekday, string>;
  reason?: string;
}

/** A week's hours, one line per day ("Đóng cửa" when closed). */
export function ScheduleView({ schedule }: { schedule: WeeklySchedule }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}
      items={WEEKDAYS.map((d) => ({ key: d, label: t(`admin.units.day.${d}` as MessageKey), children: schedule[d]?.length ? schedule[d]!.join(', ') : t('admin.units.closed') }))}
    />
  );
}

/** Per-day period inputs, named ['days', weekday], checked before sending. */
export function ScheduleFields({ idPrefix }: { idPrefix: string }) {
  const { t } = useI18n();
  return (
    <div className="schedule-grid">
      {WEEKDAYS.map((d) => (
        <Form.Item key={d} label={t(`admin.units.day.${d}` as MessageKey)} name={['days', d]} htmlFor={`${idPrefix}-${d}`} rules={[{ validator: (_, v?: string) => (periodsValid(v) ? Promise.resolve() : Promise.reject(new Error(t('admin.units.periodsInvalid')))) }]}>
          <Input id={`${idPrefix}-${d}`} placeholder={t('admin.units.closed')} maxLength={100} />
        </Form.Item>
      ))}
    </div>
  );
}

/** A unit's working hours: where they come from (its own, its kind's, the default), and setting or removing its own. */
export function WorkingHoursCard({ unitCode }: { unitCode: string }) {
  const { t } = useI18n();
  const hours = useWorkingHours(unitCode);
  const kinds = useUnitKinds();
  const actions = useUnitActions(unitCode);
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const [removing, setRemoving] = useState(false);

  const fail = (e: unknown) => {
    if (endedSession(e)) return;
    if (e instanceof ApiError && e.details.length) {
      form.setFields(e.details.map((d) => ({ name: (d.field.startsWith('schedule.') ? ['days', d.field.split('.')[1]] : [d.field]) as never, errors: [d.message] })));
    } else void message.error(describeError(t, e));
  };
  const save = async (v: Values) => {
    try {
      await actions.putHours.mutateAsync(v.mode === 'kind' ? { unitKind: v.unitKind, reason: v.reason?.trim() || undefined } : { schedule: scheduleOf(v.days), reason: v.reason?.trim() || undefined });
      void message.success(t('state.saved'));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card title={<h2 className="card-title">{t('admin.units.hours')}</h2>} data-testid="working-hours">
      <QueryState isLoading={hours.isLoading} error={hours.error} onRetry={() => void hours.refetch()}>
        {hours.data && (
          <>
            <Space wrap className="bottom-gap">
              <Tag data-hours-source={hours.data.source}>{t(`admin.units.source.${hours.data.source}` as MessageKey)}</Tag>
              {hours.data.unitKind && <Tag>{hours.data.unitKind}</Tag>}
              {hours.data.updatedAt && <span>{t('admin.units.updated', { by: hours.data.updatedBy ?? '', at: formatDateTime(hours.data.updatedAt) })}</span>}
            </Space>
            <ScheduleView schedule={hours.data.schedule} />
            <Form
              key={`${unitCode}|${hours.data.updatedAt ?? ''}`}
              form={form}
              layout="vertical"
              className="top-gap"
              onFinish={save}
              initialValues={{ mode: hours.data.source === 'unit_kind' ? 'kind' : 'own', unitKind: hours.data.unitKind ?? undefined, days: scheduleText(hours.data.schedule) }}
            >
              <Form.Item label={t('admin.units.mode')} name="mode">
                <Radio.Group optionType="button" aria-label={t('admin.units.mode')} options={[{ value: 'own', label: t('admin.units.modeOwn') }, { value: 'kind', label: t('admin.units.modeKind') }]} />
              </Form.Item>
              {mode === 'kind' ? (
                <Form.Item label={t('admin.units.kind')} name="unitKind" htmlFor="hours-kind" rules={[{ required: true, message: t('admin.units.kindRequired') }]}>
                  <Select id="hours-kind" className="filter-select-wide" options={(kinds.data ?? []).map((k: UnitKindHours) => ({ value: k.unitKind, label: k.unitKind }))} />
                </Form.Item>
              ) : (
                <ScheduleFields idPrefix="hours" />
              )}
              <Form.Item label={t('admin.detection.reason')} name="reason" htmlFor="hours-reason">
                <Input id="hours-reason" maxLength={500} />
              </Form.Item>
              <Space wrap>
                <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={actions.putHours.isPending}>{t('admin.units.saveHours')}</Button>
                {hours.data.source !== 'default' && hours.data.updatedAt && (
                  <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setRemoving(true)}>{t('admin.units.removeHours')}</Button>
                )}
              </Space>
            </Form>
          </>
        )}
      </QueryState>
      <ReasonDialog
        open={removing}
        title={t('admin.units.removeHoursTitle', { unit: unitCode })}
        okText={t('admin.units.removeHours')}
        loading={actions.removeHours.isPending}
        onOk={(reason) => actions.removeHours.mutateAsync(reason).then(() => setRemoving(false), (e) => { setRemoving(false); fail(e); })}
        onClose={() => setRemoving(false)}
      />
    </Card>
  );
}
