import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { MessageKey, useI18n } from '@/i18n';
import { useSavedViews } from '../hooks/use-saved-views';

/** Views every reviewer starts with; their own come after. */
const BUILT_IN: { label: MessageKey; query: string }[] = [
  { label: 'alerts.views.open', query: 'status=open' },
  { label: 'alerts.views.acknowledged', query: 'status=acknowledged' },
  { label: 'alerts.views.critical', query: 'severity=critical&status=open' },
  { label: 'alerts.views.resolved', query: 'status=resolved' },
];

interface Props {
  /** The current query string (filters and sort). */
  current: string;
  onOpen(query: string): void;
}

/** Named queues: built-in ones and the reviewer's own (kept in this browser). */
export function SavedViews({ current, onOpen }: Props) {
  const { t } = useI18n();
  const { views, save, remove } = useSavedViews();
  const [naming, setNaming] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const own = views.find((v) => v.query === current);
  const options = [
    ...BUILT_IN.map((v) => ({ value: v.query, label: t(v.label) })),
    ...views.map((v) => ({ value: v.query, label: v.name })),
  ];
  return (
    <Space wrap>
      <Select
        aria-label={t('alerts.views.label')}
        placeholder={t('alerts.views.label')}
        value={options.some((o) => o.value === current) ? current : undefined}
        onChange={onOpen}
        options={options}
        popupMatchSelectWidth={false}
        className="views-select"
        data-testid="saved-views"
      />
      <Button icon={<SaveOutlined aria-hidden />} onClick={() => setNaming(true)} disabled={!current}>
        {t('alerts.views.save')}
      </Button>
      {own && (
        <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(own.name)}>
          {t('alerts.views.remove', { name: own.name })}
        </Button>
      )}
      <Modal
        open={naming}
        title={t('alerts.views.save')}
        okText={t('alerts.views.saveOk')}
        cancelText={t('triage.cancel')}
        onCancel={() => setNaming(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={({ name }) => {
            save({ name: name.trim(), query: current });
            setNaming(false);
          }}
        >
          <Form.Item label={t('alerts.views.name')} name="name" htmlFor="view-name" rules={[{ required: true, whitespace: true, message: t('alerts.views.nameRequired') }]}>
            <Input id="view-name" maxLength={60} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
