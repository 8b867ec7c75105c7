import { Spin } from 'antd';
import { useI18n } from '@/i18n';

export function FullPageSpinner() {
  const { t } = useI18n();
  return (
    <div className="full-page-spinner" role="status" aria-live="polite">
      <Spin size="large" />
      <span>{t('app.loading')}</span>
    </div>
  );
}
