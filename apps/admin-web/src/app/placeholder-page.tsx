import { Result } from 'antd';
import { useI18n, MessageKey } from '@/i18n';

/** A page of the menu that a later version of the console fills in. */
export function PlaceholderPage({ page }: { page: MessageKey }) {
  const { t } = useI18n();
  return (
    <Result
      status="info"
      title={<h1 className="result-title">{t(page)}</h1>}
      subTitle={`${t('placeholder.title')}. ${t('placeholder.text', { page: t(page) })}`}
    />
  );
}
