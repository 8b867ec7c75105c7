import { Card, Space, Table, Tag } from 'antd';
import { useI18n } from '@/i18n';
import { QueryState } from '@/components/query-state';
import { SourceSystem, useFieldCatalog, useSourceSystems } from '../api/integration-api';
import { FieldCount, FieldTags } from './field-tags';

/** The registered systems; a row opens to the fields it declared, labelled from the field catalog. */
export function SystemsCard() {
  const { t } = useI18n();
  const systems = useSourceSystems();
  const catalog = useFieldCatalog();
  return (
    <Card title={<h2 className="card-title">{t('integration.systems')}</h2>} data-testid="source-systems">
      <QueryState isLoading={systems.isLoading} error={systems.error} isEmpty={systems.data?.length === 0} emptyText={t('integration.systemsEmpty')} onRetry={() => void systems.refetch()}>
        <Table<SourceSystem>
          rowKey="code"
          size="small"
          tableLayout="fixed"
          pagination={false}
          dataSource={systems.data}
          expandable={{
            expandedRowRender: (s) => (
              <div data-testid={`fields-of-${s.code}`}>
                <p className="field-list-title">{t('integration.declaredFields')}</p>
                <FieldTags codes={s.allowedFields} catalog={catalog.data} />
              </div>
            ),
            expandRowByClick: false,
          }}
          columns={[
            { title: t('integration.code'), dataIndex: 'code', width: 130, render: (c: string) => <code>{c}</code> },
            { title: t('integration.name'), dataIndex: 'name', ellipsis: true },
            { title: t('integration.operator'), dataIndex: 'operatorOrg', ellipsis: true, responsive: ['lg'] },
            { title: t('integration.fields'), dataIndex: 'allowedFields', width: 200, render: (f: string[]) => <FieldCount codes={f} catalog={catalog.data} /> },
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
  );
}
