import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Table } from 'antd';
import { formatDate, formatDateTime, hasMessage, useI18n } from '@/i18n';
import { SeverityTag } from '@/components/severity-tag';
import type { PreviewAlert, SettingsPreview } from '../api/detection-settings-api';

function AlertList({ alerts, testId }: { alerts: PreviewAlert[]; testId: string }) {
  const { t } = useI18n();
  if (!alerts.length) return <p data-testid={testId}>{t('admin.detection.previewNone')}</p>;
  return (
    <Table<PreviewAlert>
      rowKey={(a) => `${a.type}|${a.accountIds.join(',')}|${a.unitCode ?? ''}|${a.windowStart}`}
      size="small"
      tableLayout="fixed"
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      dataSource={alerts}
      data-testid={testId}
      columns={[
        { title: t('admin.detection.alertType'), dataIndex: 'type', ellipsis: true, render: (v: string) => { const key = `alertType.${v}`; return hasMessage(key) ? t(key) : v; } },
        { title: t('admin.detection.severity'), dataIndex: 'severity', width: 150, render: (v: string) => <SeverityTag severity={v} /> },
        { title: t('admin.detection.accounts'), dataIndex: 'accountIds', ellipsis: true, render: (v: string[]) => v.join(', ') || t('state.none') },
        { title: t('admin.detection.window'), width: 140, responsive: ['lg'], render: (_, a) => formatDateTime(a.windowStart) },
      ]}
    />
  );
}

/** What the change would have done over the days previewed: counts before and after, the alerts gained and lost. */
export function PreviewResult({ preview }: { preview: SettingsPreview }) {
  const { t, n } = useI18n();
  const delta = preview.proposed.alerts - preview.current.alerts;
  return (
    <section aria-labelledby="preview-title" className="top-gap" data-testid="settings-preview">
      <h3 id="preview-title" className="card-subtitle">
        {t('admin.detection.previewTitle', { from: formatDate(`${preview.fromDay}T12:00:00+07:00`), to: formatDate(`${preview.toDay}T12:00:00+07:00`) })}
      </h3>
      <Alert
        className="top-gap"
        type={delta === 0 ? 'info' : 'warning'}
        showIcon
        icon={delta > 0 ? <ArrowUpOutlined aria-hidden /> : delta < 0 ? <ArrowDownOutlined aria-hidden /> : undefined}
        message={t(delta > 0 ? 'admin.detection.previewMore' : delta < 0 ? 'admin.detection.previewFewer' : 'admin.detection.previewSame', {
          added: n(preview.added.length),
          removed: n(preview.removed.length),
        })}
      />
      <Descriptions className="top-gap" size="small" bordered column={2}
        items={[
          { key: 'ca', label: t('admin.detection.currentAlerts'), children: <span data-testid="preview-current">{n(preview.current.alerts)}</span> },
          { key: 'pa', label: t('admin.detection.proposedAlerts'), children: <span data-testid="preview-proposed">{n(preview.proposed.alerts)}</span> },
          { key: 'cc', label: t('admin.detection.currentAccounts'), children: n(preview.current.accounts) },
          { key: 'pc', label: t('admin.detection.proposedAccounts'), children: n(preview.proposed.accounts) },
        ]}
      />
      <h4 className="preview-list-title">{t('admin.detection.added', { n: n(preview.added.length) })}</h4>
      <AlertList alerts={preview.added} testId="preview-added" />
      <h4 className="preview-list-title">{t('admin.detection.removed', { n: n(preview.removed.length) })}</h4>
      <AlertList alerts={preview.removed} testId="preview-removed" />
    </section>
  );
}
