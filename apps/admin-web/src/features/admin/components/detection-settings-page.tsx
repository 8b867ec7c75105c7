import { EditOutlined, FileTextOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { formatDateTime, hasMessage, Translate, useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { DetectionSetting, useDetectionSettings } from '../api/detection-settings-api';
import { SettingEditor } from './setting-editor';

export const sectionLabel = (t: Translate, section: string): string => {
  const key = `admin.detection.section.${section}`;
  return hasMessage(key) ? t(key) : section;
};

/** Where the values in force come from, as a word and an icon. */
function SourceTag({ setting }: { setting: DetectionSetting }) {
  const { t } = useI18n();
  return setting.source === 'saved' ? (
    <Tag icon={<UserOutlined aria-hidden />} className="state-changed" data-source="saved">{t('admin.detection.sourceSaved')}</Tag>
  ) : (
    <Tag icon={<FileTextOutlined aria-hidden />} data-source="file">{t('admin.detection.sourceFile')}</Tag>
  );
}

/** Thiết lập phát hiện: each detector's parameters, where they come from, and the editor of the one chosen. */
export function DetectionSettingsPage() {
  const { t } = useI18n();
  const settings = useDetectionSettings();
  const [params, setParams] = useSearchParams();
  const chosen = settings.data?.find((s) => s.section === params.get('section'));

  return (
    <>
      <PageHeader title={t('admin.detection.title')} intro={t('admin.detection.intro')} />
      <QueryState isLoading={settings.isLoading} error={settings.error} isEmpty={settings.data?.length === 0} onRetry={() => void settings.refetch()}>
        <Space direction="vertical" size="middle" className="full-width">
          <Table<DetectionSetting>
            rowKey="section"
            size="small"
            tableLayout="fixed"
            pagination={false}
            dataSource={settings.data}
            data-testid="detection-settings"
            rowClassName={(s) => (s.section === chosen?.section ? 'row-selected' : '')}
            columns={[
              { title: t('admin.detection.detector'), ellipsis: true, render: (_, s) => <>{sectionLabel(t, s.section)} <code className="muted-code">{s.section}</code></> },
              { title: t('admin.detection.source'), width: 190, render: (_, s) => <SourceTag setting={s} /> },
              {
                title: t('admin.detection.changed'),
                ellipsis: true,
                responsive: ['lg'],
                render: (_, s) => (s.changedAt ? `${formatDateTime(s.changedAt)} · ${s.changedBy ?? ''} · ${s.reason ?? ''}` : t('state.none')),
              },
              {
                title: <span className="visually-hidden">{t('integration.keys.actions')}</span>,
                width: 120,
                render: (_, s) => (
                  <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={t('admin.detection.editOf', { name: sectionLabel(t, s.section) })} onClick={() => setParams({ section: s.section }, { replace: true })}>
                    {t('admin.detection.edit')}
                  </Button>
                ),
              },
            ]}
          />
          {chosen && (
            <Card
              title={<h2 className="card-title">{t('admin.detection.editing', { name: sectionLabel(t, chosen.section) })}</h2>}
              extra={<SourceTag setting={chosen} />}
              data-testid="setting-card"
            >
              {chosen.source === 'saved' && (
                <Typography.Paragraph type="secondary">
                  {t('admin.detection.changedBy', { by: chosen.changedBy ?? '', at: chosen.changedAt ? formatDateTime(chosen.changedAt) : '', reason: chosen.reason ?? '' })}
                </Typography.Paragraph>
              )}
              <SettingEditor key={`${chosen.section}|${chosen.changedAt ?? 'file'}`} setting={chosen} />
            </Card>
          )}
        </Space>
      </QueryState>
    </>
  );
}
