import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import { useState } from 'react';
import { formatDateTime, useI18n } from '@/i18n';
import { QueryState } from '@/components/query-state';
import { SourceFlagUsage, useFieldCatalog, useUndeclaredFields, useUnregisteredSystems } from '../api/integration-api';
import { FieldTags } from './field-tags';
import { RegisterSystemDialog } from './register-system-dialog';

/** Events stored although their system is not registered, or with fields beyond its declaration: who, how many, when. */
export function TrafficSeenCard({ canRegister }: { canRegister: boolean }) {
  const { t, n } = useI18n();
  const unregistered = useUnregisteredSystems();
  const undeclared = useUndeclaredFields();
  const catalog = useFieldCatalog();
  const [registering, setRegistering] = useState<string>();

  const seen = [
    { title: t('integration.seen.events'), dataIndex: 'eventCount', width: 110, align: 'right' as const, render: (v: number) => n(v) },
    { title: t('integration.seen.first'), dataIndex: 'firstSeenAt', width: 140, responsive: ['lg' as const], render: (v: string) => formatDateTime(v) },
    { title: t('integration.seen.last'), dataIndex: 'lastSeenAt', width: 140, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card title={<h2 className="card-title">{t('integration.seen.title')}</h2>} data-testid="traffic-seen">
      <h3 className="card-subtitle">{t('integration.seen.unregistered')}</h3>
      <p className="card-intro">{t('integration.seen.unregisteredIntro')}</p>
      <QueryState compact isLoading={unregistered.isLoading} error={unregistered.error} isEmpty={unregistered.data?.length === 0} emptyText={t('integration.seen.unregisteredEmpty')} onRetry={() => void unregistered.refetch()}>
        <Table<SourceFlagUsage>
          rowKey="sourceSystem"
          size="small"
          tableLayout="fixed"
          pagination={false}
          dataSource={unregistered.data}
          data-testid="unregistered-systems"
          columns={[
            { title: t('integration.code'), dataIndex: 'sourceSystem', ellipsis: true, render: (c: string) => <code>{c}</code> },
            ...seen,
            ...(canRegister
              ? [{
                  title: <span className="visually-hidden">{t('integration.keys.actions')}</span>,
                  width: 150,
                  render: (_: unknown, u: SourceFlagUsage) => (
                    <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setRegistering(u.sourceSystem)} aria-label={t('integration.register.of', { code: u.sourceSystem })}>
                      {t('integration.register.ok')}
                    </Button>
                  ),
                }]
              : []),
          ]}
        />
      </QueryState>
      <h3 className="card-subtitle top-gap">{t('integration.seen.undeclared')}</h3>
      <p className="card-intro">{t('integration.seen.undeclaredIntro')}</p>
      <QueryState compact isLoading={undeclared.isLoading} error={undeclared.error} isEmpty={undeclared.data?.length === 0} emptyText={t('integration.seen.undeclaredEmpty')} onRetry={() => void undeclared.refetch()}>
        <Table<SourceFlagUsage>
          rowKey="sourceSystem"
          size="small"
          tableLayout="fixed"
          pagination={false}
          dataSource={undeclared.data}
          data-testid="undeclared-fields"
          columns={[
            { title: t('integration.code'), dataIndex: 'sourceSystem', width: 130, ellipsis: true, render: (c: string) => <code>{c}</code> },
            { title: t('integration.seen.fields'), dataIndex: 'fields', render: (f: string[]) => <FieldTags codes={f} catalog={catalog.data} /> },
            ...seen,
          ]}
        />
      </QueryState>
      <RegisterSystemDialog code={registering} catalog={catalog.data} onClose={() => setRegistering(undefined)} />
    </Card>
  );
}
