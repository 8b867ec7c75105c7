import { Card, Space, Table, Tag } from 'antd';
import { useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { SourceSystem, useSourceSystems } from '../api/integration-api';
import { ApiKeysCard } from './api-keys-card';

/** Tích hợp: the connected systems and, for those who manage them, their API keys. */
export function IntegrationPage({ canManageKeys }: { canManageKeys: boolean }) {
  const { t } = useI18n();
  const systems = useSourceSystems();
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <PageHeader title={t('integration.title')} intro={t('integration.intro')} />
      <Card title={<h2 className="card-title">{t('integration.systems')}</h2>}>
        <QueryState isLoading={systems.isLoading} error={systems.error} isEmpty={systems.data?.length === 0} emptyText={t('integration.systemsEmpty')} onRetry={() => void systems.refetch()}>
          <Table<SourceSystem>
            rowKey="code"
            size="small"
            tableLayout="fixed"
            pagination={false}
            dataSource={systems.data}
            columns={[
              { title: t('integration.code'), dataIndex: 'code', width: 120, render: (c: string) => <code>{c}</code> },
              { title: t('integration.name'), dataIndex: 'name', ellipsis: true },
              { title: t('integration.operator'), dataIndex: 'operatorOrg', ellipsis: true, responsive: ['lg'] },
              { title: t('integration.fields'), dataIndex: 'allowedFields', width: 110, align: 'right', render: (f: string[]) => f.length },
              {
                title: t('integration.status'),
                dataIndex: 'status',
                width: 200,
                render: (s: string, sys) => (
                  <Space size={4} wrap>
                    <Tag>{t(`integration.status.${s}` as 'integration.status.active')}</Tag>
                    {sys.ownsAccountDirectory && <Tag>{t('integration.directoryOwner')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </QueryState>
      </Card>
      {canManageKeys && systems.data && <ApiKeysCard systems={systems.data} />}
    </Space>
  );
}
