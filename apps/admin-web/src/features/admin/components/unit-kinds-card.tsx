import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, message, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { MessageKey, useI18n } from '@/i18n';
import { endedSession } from '@/lib/api-client';
import { describeError, QueryState } from '@/components/query-state';
import { UnitKindHours, useUnitKindAction, useUnitKinds } from '../api/units-api';
import { scheduleOf, scheduleText, Weekday, WEEKDAYS } from './schedule-input';
import { ScheduleFields } from './working-hours-card';

/** Kinds of unit and their hours (the file's or an admin's); every unit of a kind without its own follows them. */
export function UnitKindsCard() {
  const { t } = useI18n();
  const kinds = useUnitKinds();
  const save = useUnitKindAction();
  const [editing, setEditing] = useState<UnitKindHours>();
  const [form] = Form.useForm<{ days: Record<Weekday, string>; reason?: string }>();

  return (
    <Card title={<h2 className="card-title">{t('admin.units.kinds')}</h2>} data-testid="unit-kinds">
      <QueryState isLoading={kinds.isLoading} error={kinds.error} isEmpty={kinds.data?.length === 0} onRetry={() => void kinds.refetch()}>
        <Table<UnitKindHours>
          rowKey="unitKind"
          size="small"
          tableLayout="fixed"
          pagination={false}
          dataSource={kinds.data}
          columns={[
            { title: t('admin.units.kind'), dataIndex: 'unitKind', width: 180, render: (k: string) => <code>{k}</code> },
            {
              title: t('admin.units.hours'),
              ellipsis: true,
              render: (_, k) => WEEKDAYS.filter((d) => k.schedule[d]?.length).map((d) => `${t(`admin.units.dayShort.${d}` as MessageKey)} ${k.schedule[d]!.join(', ')}`).join(' · '),
            },
            { title: t('admin.detection.source'), dataIndex: 'source', width: 160, render: (s: string) => <Tag>{t(s === 'admin' ? 'admin.units.kindSourceAdmin' : 'admin.units.kindSourceFile')}</Tag> },
            {
              title: <span className="visually-hidden">{t('integration.keys.actions')}</span>,
              width: 100,
              render: (_, k) => (
                <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={t('admin.units.editKind', { kind: k.unitKind })} onClick={() => { setEditing(k); form.setFieldsValue({ days: scheduleText(k.schedule), reason: '' }); }}>
                  {t('admin.detection.edit')}
                </Button>
              ),
            },
          ]}
        />
      </QueryState>
      {editing && (
        <Form
          form={form}
          layout="vertical"
          className="top-gap"
          onFinish={async (v) => {
            try {
              await save.mutateAsync({ unitKind: editing.unitKind, schedule: scheduleOf(v.days), reason: v.reason?.trim() || undefined });
              void message.success(t('state.saved'));
              setEditing(undefined);
            } catch (e) {
              if (!endedSession(e)) void message.error(describeError(t, e));
            }
          }}
        >
          <h3 className="card-subtitle">{t('admin.units.editKind', { kind: editing.unitKind })}</h3>
          <ScheduleFields idPrefix="kind" />
          <Form.Item label={t('admin.detection.reason')} name="reason" htmlFor="kind-reason">
            <Input id="kind-reason" maxLength={500} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={save.isPending}>{t('admin.units.saveHours')}</Button>
            <Button onClick={() => setEditing(undefined)}>{t('triage.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
