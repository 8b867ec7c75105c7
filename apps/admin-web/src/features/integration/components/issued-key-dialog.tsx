import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '@/i18n';
import type { IssuedApiKey } from '../api/integration-api';

/** The key, this once: the service keeps only its hash. */
export function IssuedKeyDialog({ issued, onClose }: { issued?: IssuedApiKey; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal open={!!issued} title={t('integration.keys.issuedTitle')} onOk={onClose} onCancel={onClose} okText={t('integration.keys.issuedDone')} cancelButtonProps={{ hidden: true }}>
      {issued && (
        <>
          <Alert type="warning" showIcon message={t('integration.keys.issuedWarning')} />
          <Typography.Paragraph className="top-gap">
            {t('integration.keys.issuedFor', { name: issued.name, system: issued.sourceSystemCode })}
          </Typography.Paragraph>
          <Typography.Paragraph code copyable={{ text: issued.key }} data-testid="issued-key" className="issued-key">
            {issued.key}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
