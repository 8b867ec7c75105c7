import { Space } from 'antd';
import { useI18n } from '@/i18n';
import { IngestStatusCard } from '@/components/ingest-status-card';
import { PageHeader } from '@/components/page-header';
import { useSourceSystems } from '../api/integration-api';
import { ApiKeysCard } from './api-keys-card';
import { RejectionsCard } from './rejections-card';
import { StuckBatchesCard } from './stuck-batches-card';
import { SystemsCard } from './systems-card';
import { TrafficSeenCard } from './traffic-seen-card';

interface Props {
  canManageKeys: boolean;
  /** source-systems:write: register a system seen in events. */
  canRegister: boolean;
  /** ingest:read: the ingest rate and lag, rejected records and stuck batches. */
  canReadIngest: boolean;
}

/** Tích hợp: the connected systems, what arrived that they did not declare, what was refused, and their API keys. */
export function IntegrationPage({ canManageKeys, canRegister, canReadIngest }: Props) {
  const { t } = useI18n();
  const systems = useSourceSystems();
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <PageHeader title={t('integration.title')} intro={t('integration.intro')} />
      {canReadIngest && <IngestStatusCard />}
      <SystemsCard />
      <TrafficSeenCard canRegister={canRegister} />
      {canReadIngest && <RejectionsCard />}
      {canReadIngest && <StuckBatchesCard />}
      {canManageKeys && systems.data && <ApiKeysCard systems={systems.data} />}
    </Space>
  );
}
