import { KeyOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, message, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatDateTime, useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { describeError, QueryState } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { ApiKey, IssuedApiKey, SourceSystem, useApiKeyActions, useApiKeys } from '../api/integration-api';
import { IssuedKeyDialog } from './issued-key-dialog';

/** Producer API keys of the source systems: create, rotate, revoke; a key is shown once. */
export function ApiKeysCard({ systems }: { systems: SourceSystem[] }) {
  const { t } = useI18n();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const keys = useApiKeys(true, includeRevoked);
  const actions = useApiKeyActions();
  const [issued, setIssued] = useState<IssuedApiKey>();
  const [form] = Form.useForm<{ sourceSystemCode: string; name: string }>();
  const fieldErrors = useServerFieldErrors(form);

  const fail = (e: unknown, onFields?: (e: ApiError) => boolean) => {
    if (!endedSession(e) && !(e instanceof ApiError && onFields?.(e))) void message.error(describeError(t, e));
  };

  return (
    <Card title={<h2 className="card-title">{t('integration.keys.title')}</h2>} data-testid="api-keys">
      <Form
        form={form}
        layout="inline"
        className="key-form"
        onFinish={async (v) => {
          try {
            setIssued(await actions.create.mutateAsync({ sourceSystemCode: v.sourceSystemCode, name: v.name.trim() }));
            form.resetFields();
          } catch (e) {
            fail(e, fieldErrors);
          }
        }}
      >
        <Form.Item label={t('integration.keys.system')} name="sourceSystemCode" htmlFor="key-system" rules={[{ required: true, message: t('integration.keys.systemRequired') }]}>
          <Select id="key-system" className="key-system" options={systems.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))} />
        </Form.Item>
        <Form.Item label={t('integration.keys.name')} name="name" htmlFor="key-name" rules={[{ required: true, whitespace: true, message: t('integration.keys.nameRequired') }]}>
          <Input id="key-name" maxLength={100} placeholder={t('integration.keys.namePlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<KeyOutlined aria-hidden />} loading={actions.create.isPending}>
          {t('integration.keys.create')}
        </Button>
      </Form>
      <Checkbox className="top-gap" checked={includeRevoked} onChange={(e) => setIncludeRevoked(e.target.checked)}>
        {t('integration.keys.includeRevoked')}
      </Checkbox>
      <div className="top-gap">
        <QueryState isLoading={keys.isLoading} error={keys.error} isEmpty={keys.data?.length === 0} emptyText={t('integration.keys.empty')} onRetry={() => void keys.refetch()}>
          <Table<ApiKey>
            rowKey="id"
            size="small"
            tableLayout="fixed"
            pagination={false}
            dataSource={keys.data}
            columns={[
              { title: t('integration.keys.name'), dataIndex: 'name', ellipsis: true },
              { title: t('integration.keys.system'), dataIndex: 'sourceSystemCode', width: 130, ellipsis: true, responsive: ['md'] },
              { title: t('integration.keys.prefix'), dataIndex: 'prefix', width: 110, render: (p: string) => <code>{p}</code> },
              { title: t('integration.keys.lastUsed'), dataIndex: 'lastUsedAt', width: 150, responsive: ['lg'], render: (v: string | null) => (v ? formatDateTime(v) : t('state.none')) },
              {
                title: t('integration.keys.state'),
                width: 130,
                render: (_, k) =>
                  k.revokedAt ? (
                    <Tag icon={<StopOutlined aria-hidden />} data-key-state="revoked">{t('integration.keys.revoked')}</Tag>
                  ) : (
                    <Tag icon={<KeyOutlined aria-hidden />} className="state-active" data-key-state="active">{t('integration.keys.active')}</Tag>
                  ),
              },
              {
                title: <span className="visually-hidden">{t('integration.keys.actions')}</span>,
                width: 240,
                render: (_, k) =>
                  !k.revokedAt && (
                    <Space size="small">
                      <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={() => actions.rotate.mutateAsync(k.id).then(setIssued, fail)} aria-label={t('integration.keys.rotateOf', { name: k.name })}>
                        {t('integration.keys.rotate')}
                      </Button>
                      <Popconfirm
                        title={t('integration.keys.revokeConfirm', { name: k.name })}
                        okText={t('integration.keys.revoke')}
                        cancelText={t('triage.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => actions.revoke.mutateAsync(k.id).then(() => void message.success(t('integration.keys.revokedDone')), fail)}
                      >
                        <Button size="small" danger icon={<StopOutlined aria-hidden />} aria-label={t('integration.keys.revokeOf', { name: k.name })}>
                          {t('integration.keys.revoke')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
              },
            ]}
          />
        </QueryState>
      </div>
      <IssuedKeyDialog issued={issued} onClose={() => setIssued(undefined)} />
    </Card>
  );
}
