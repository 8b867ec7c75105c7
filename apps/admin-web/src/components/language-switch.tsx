import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { Lang, useI18n } from '@/i18n';

/** Vietnamese or English; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Select<Lang>
      value={lang}
      onChange={setLang}
      aria-label={t('layout.language')}
      suffixIcon={<GlobalOutlined aria-hidden />}
      popupMatchSelectWidth={false}
      options={[
        { value: 'vi', label: <span lang="vi">{t('layout.languageVi')}</span> },
        { value: 'en', label: <span lang="en">{t('layout.languageEn')}</span> },
      ]}
      data-testid="language-switch"
    />
  );
}
