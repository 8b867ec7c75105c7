import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, message, Space, Table, Tag, Typography } from 'antd';
import { describeError } from '@/components/query-state';
import { formatDateTime, useI18n } from '@/i18n';
import { saveFile } from '@/lib/save-file';
import { downloadNotice, NoticeFile, NoticeVersion } from '../api/incidents-api';

/** Every saved version, newest first; the finalised one with its files and their SHA-256. */
export function NoticeVersions({ incidentId, versions }: { incidentId: string; versions: NoticeVersion[] }) {
  const { t } = useI18n();
  const download = async (version: number, file: NoticeFile) => {
    try {
      saveFile(await downloadNotice(incidentId, version, file));
    } catch (e) {
      void message.error(describeError(t, e));
    }
  };
  const button = (v: NoticeVersion, file: NoticeFile, label: string) => (
    <Button size="small" icon={<DownloadOutlined aria-hidden />} onClick={() => void download(v.version, file)}>
      {label}
    </Button>
  );
  return (
    <Card title={<h2 className="card-title">{t('incidents.versions.title')}</h2>}>
      <Table<NoticeVersion>
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={versions}
        data-testid="notice-versions"
        onRow={(v) => ({ 'data-version': v.version }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('incidents.versions.version'), dataIndex: 'version', width: 80 },
          { title: t('incidents.versions.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: t('incidents.versions.by'), dataIndex: 'createdBy', ellipsis: true },
          {
            title: t('incidents.versions.files'),
            render: (_, v) =>
              v.finalised ? (
                <Space direction="vertical" size={4}>
                  <Space wrap>
                    <Tag color="green">{v.content.number}</Tag>
                    {button(v, 'pdf', 'PDF')}
                    {button(v, 'docx', 'DOCX')}
                    {v.citizenPdfSha256 && button(v, 'citizen-pdf', t('incidents.versions.citizenPdf'))}
                    {v.citizenDocxSha256 && button(v, 'citizen-docx', t('incidents.versions.citizenDocx'))}
                  </Space>
                  <Typography.Text type="secondary" className="mono" copyable={{ text: v.pdfSha256 ?? '' }}>
                    SHA-256 PDF: {v.pdfSha256?.slice(0, 16)}…
                  </Typography.Text>
                </Space>
              ) : (
                <Tag>{t('incidents.notice.draft')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
