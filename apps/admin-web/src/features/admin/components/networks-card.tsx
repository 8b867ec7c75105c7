import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, message, Space } from 'antd';
import { useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { describeError, QueryState } from '@/components/query-state';
import { useUnitActions, useUnitNetworks } from '../api/units-api';
import { networkProblem } from './network-check';

interface Values {
  networks: { cidr: string; label?: string }[];
}

/** A unit's registered networks (CIDRs), replaced as a whole; each checked before it is sent. */
export function NetworksCard({ unitCode }: { unitCode: string }) {
  const { t } = useI18n();
  const networks = useUnitNetworks(unitCode);
  const actions = useUnitActions(unitCode);
  const [form] = Form.useForm<Values>();

  const save = async (v: Values) => {
    try {
      await actions.putNetworks.mutateAsync({ networks: v.networks.map((n) => ({ cidr: n.cidr.trim(), label: n.label?.trim() || undefined })) });
      void message.success(t('state.saved'));
    } catch (e) {
      if (endedSession(e)) return;
      // networks[2].cidr → the third row's network field.
      const placed = e instanceof ApiError && e.details.length > 0 && e.details.every((d) => /^networks\[\d+\]\.\w+$/.test(d.field));
      if (placed) {
        form.setFields((e as ApiError).details.map((d) => {
          const [, i, field] = /^networks\[(\d+)\]\.(\w+)$/.exec(d.field)!;
          return { name: ['networks', Number(i), field] as never, errors: [d.message] };
        }));
      } else void message.error(describeError(t, e));
    }
  };

  return (
    <Card title={<h2 className="card-title">{t('admin.units.networks')}</h2>} data-testid="unit-networks">
      <p className="card-intro">{t('admin.units.networksIntro')}</p>
      <QueryState isLoading={networks.isLoading} error={networks.error} onRetry={() => void networks.refetch()}>
        {networks.data && (
          <Form key={`${unitCode}|${networks.dataUpdatedAt}`} form={form} layout="vertical" onFinish={save} initialValues={{ networks: networks.data.map((n) => ({ cidr: n.cidr, label: n.label ?? '' })) }}>
            <Form.List name="networks">
              {(fields, { add, remove }) => (
                <>
                  {fields.length === 0 && <p>{t('admin.units.networksEmpty')}</p>}
                  {fields.map((field, i) => (
                    <Space key={field.key} align="start" wrap className="network-row">
                      <Form.Item
                        label={t('admin.units.cidr', { n: i + 1 })}
                        name={[field.name, 'cidr']}
                        htmlFor={`net-cidr-${i}`}
                        rules={[{
                          validator: (_, v?: string) => {
                            const problem = networkProblem(v ?? '');
                            if (!problem) return Promise.resolve();
                            return Promise.reject(new Error(problem.kind === 'hostBits' ? t('admin.units.cidrHostBits', { network: problem.network }) : t('admin.units.cidrInvalid')));
                          },
                        }]}
                      >
                        <Input id={`net-cidr-${i}`} placeholder="10.12.0.0/16" maxLength={64} className="cidr-input" />
                      </Form.Item>
                      <Form.Item label={t('admin.units.networkLabel', { n: i + 1 })} name={[field.name, 'label']} htmlFor={`net-label-${i}`}>
                        <Input id={`net-label-${i}`} maxLength={200} placeholder={t('admin.units.networkLabelPlaceholder')} />
                      </Form.Item>
                      <Form.Item label={<span className="visually-hidden">{t('admin.units.removeNetwork', { n: i + 1 })}</span>}>
                        <Button icon={<DeleteOutlined aria-hidden />} aria-label={t('admin.units.removeNetwork', { n: i + 1 })} onClick={() => remove(field.name)} />
                      </Form.Item>
                    </Space>
                  ))}
                  <Space wrap>
                    <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ cidr: '', label: '' })}>{t('admin.units.addNetwork')}</Button>
                    <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={actions.putNetworks.isPending}>{t('admin.units.saveNetworks')}</Button>
                  </Space>
                </>
              )}
            </Form.List>
          </Form>
        )}
      </QueryState>
    </Card>
  );
}
