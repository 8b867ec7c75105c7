import { LockFilled, QuestionCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import { useI18n } from '@/i18n';
import type { FieldCatalogEntry } from '../api/integration-api';

/**
 * Field codes as the catalog names them (its Vietnamese label, the code beside it); a sensitive field says so in a
 * word and an icon, a code outside the catalog says that it is unclassified.
 */
export function FieldTags({ codes, catalog }: { codes: string[]; catalog: Map<string, FieldCatalogEntry> | undefined }) {
  const { t } = useI18n();
  if (!codes.length) return <span>{t('state.none')}</span>;
  return (
    <Space size={[4, 4]} wrap>
      {codes.map((code) => {
        const entry = catalog?.get(code);
        if (!entry) {
          return (
            <Tag key={code} icon={<QuestionCircleOutlined aria-hidden />} data-field={code} data-field-class="unclassified">
              <code>{code}</code> · {t('integration.field.unclassified')}
            </Tag>
          );
        }
        const sensitive = entry.class === 'sensitive';
        return (
          <Tooltip key={code} title={code}>
            <Tag icon={sensitive ? <LockFilled aria-hidden /> : undefined} className={sensitive ? 'field-sensitive' : undefined} data-field={code} data-field-class={entry.class}>
              {entry.label}
              {sensitive && ` · ${t('integration.field.sensitive')}`}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}

/** "12 trường, 2 nhạy cảm". */
export function FieldCount({ codes, catalog }: { codes: string[]; catalog: Map<string, FieldCatalogEntry> | undefined }) {
  const { t, n } = useI18n();
  const sensitive = codes.filter((c) => catalog?.get(c)?.class === 'sensitive').length;
  return (
    <span>
      {t('integration.fieldCount', { n: n(codes.length) })}
      {sensitive > 0 && (
        <>
          {' '}
          <Tag icon={<LockFilled aria-hidden />} className="field-sensitive">{t('integration.sensitiveCount', { n: n(sensitive) })}</Tag>
        </>
      )}
    </span>
  );
}
