import { Space, Typography } from 'antd';
import { useI18n } from '@/i18n';
import { IdleLockDryRun } from './idle-lock-dry-run';
import { SyncDryRun } from './sync-dry-run';

/** The dry runs of the two jobs that lock accounts; applying them stays with the jobs (the nightly run, the TTHC system's sync). */
export function DryRuns({ canLock, canSync }: { canLock: boolean; canSync: boolean }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Typography.Paragraph>{t('dryRun.intro')}</Typography.Paragraph>
      {canLock && <IdleLockDryRun />}
      {canSync && <SyncDryRun />}
    </Space>
  );
}
