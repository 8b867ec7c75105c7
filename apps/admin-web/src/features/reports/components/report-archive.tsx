import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError, QueryState } from '@/components/query-state';
import { formatDateTime, useI18n } from '@/i18n';
import { saveFile } from '@/lib/save-file';
import { Report, REPORT_KINDS, ReportFormat, ReportKind, useDownloadReport, useReports } from '../api/reports-api';
import { periodLabel } from './report-period';

/** The archive: every report made, newest first, with its number, period, author and the SHA-256 of its files. */
export function ReportArchive() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ReportKind | undefined>();
  const reports = useReports(kind);
  const download = useDownloadReport();
  const items = reports.data?.pages.flatMap((p) => p.items) ?? [];
  const get = (report: Report, format: ReportFormat) => download.mutate({ report, format }, { onSuccess: saveFile });
  const busy = (report: Report, format: ReportFormat) =>
    download.isPending && download.variables?.report.id === report.id && download.variables.format === format;

  return (
    <Card
      title={<h2 className="card-title">{t('reports.archive.title')}</h2>}
      extra={
        <Select<ReportKind>
          aria-label={t('reports.archive.kind')}
          allowClear
          className="filter-select-wide"
          placeholder={t('reports.archive.allKinds')}
          value={kind}
          onChange={(v) => setKind(v)}
          options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
        />
      }
      data-testid="report-archive"
    >
      <p className="card-intro">{t('reports.archive.intro')}</p>
      {download.error && <Alert type="error" showIcon role="alert" className="bottom-gap" message={describeError(t, download.error)} />}
      <QueryState isLoading={reports.isLoading} error={reports.error} isEmpty={items.length === 0} emptyText={t('reports.archive.empty')} onRetry={() => void reports.refetch()}>
        <Table<Report>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          onRow={(r) => ({ 'data-report-id': r.id, 'data-kind': r.kind }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('reports.archive.number'), dataIndex: 'documentNumber', width: 120 },
            {
              title: t('reports.archive.kind'),
              dataIndex: 'kind',
              width: 170,
              render: (k: ReportKind, r) => (
                <Space direction="vertical" size={0}>
                  <Tag>{t(`reports.kind.${k}`)}</Tag>
                  {r.citizenAccess && <span className="card-note-inline">{t('reports.archive.case', { ref: r.citizenAccess.caseReference })}</span>}
                </Space>
              ),
            },
            { title: t('reports.archive.period'), width: 200, render: (_, r) => periodLabel(t, r.period) },
            {
              title: t('reports.archive.created'),
              width: 170,
              responsive: ['lg'],
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>{formatDateTime(r.createdAt)}</span>
                  <span className="card-note-inline">{r.createdBy}</span>
                </Space>
              ),
            },
            {
              title: t('reports.archive.hashes'),
              render: (_, r) => (
                <Space direction="vertical" size={0} className="full-width">
                  <Typography.Text className="muted-code hash-line" copyable={{ text: r.pdfSha256 }}>
                    PDF {r.pdfSha256.slice(0, 16)}…
                  </Typography.Text>
                  <Typography.Text className="muted-code hash-line" copyable={{ text: r.xlsxSha256 }}>
                    XLSX {r.xlsxSha256.slice(0, 16)}…
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('reports.archive.files'),
              width: 190,
              render: (_, r) => (
                <Space wrap>
                  <Button size="small" icon={<DownloadOutlined aria-hidden />} loading={busy(r, 'pdf')} onClick={() => get(r, 'pdf')} aria-label={t('reports.archive.downloadAria', { format: 'PDF', number: r.documentNumber })}>
                    PDF
                  </Button>
                  <Button size="small" icon={<DownloadOutlined aria-hidden />} loading={busy(r, 'xlsx')} onClick={() => get(r, 'xlsx')} aria-label={t('reports.archive.downloadAria', { format: 'XLSX', number: r.documentNumber })}>
                    XLSX
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        {reports.hasNextPage && (
          <div className="list-footer">
            <Button onClick={() => void reports.fetchNextPage()} loading={reports.isFetchingNextPage}>
              {t('reports.archive.more')}
            </Button>
          </div>
        )}
      </QueryState>
    </Card>
  );
}
