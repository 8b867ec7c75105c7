import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '@/components/query-state';
import { useI18n } from '@/i18n';
import { saveFile as save } from '@/lib/save-file';
import { DownloadedExport, ExportFormat, TraceSearch, useExport } from '../api/trace-api';

/** Evidence export of the current search: the file and its signed manifest, and how to check them offline. */
export function ExportButtons({ search }: { search: TraceSearch }) {
  const { t } = useI18n();
  const exporter = useExport();
  const [done, setDone] = useState<DownloadedExport | null>(null);
  useEffect(() => setDone(null), [search]);
  const run = (format: ExportFormat) =>
    exporter.mutate(
      { search, format },
      {
        onSuccess: (result) => {
          save(result.file);
          save(result.manifest);
          setDone(result);
        },
      },
    );
  return (
    <Space direction="vertical" className="full-width" data-testid="trace-export">
      <Space wrap>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => run('csv')} loading={exporter.isPending && exporter.variables?.format === 'csv'}>
          {t('trace.export.csv')}
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => run('xlsx')} loading={exporter.isPending && exporter.variables?.format === 'xlsx'}>
          {t('trace.export.xlsx')}
        </Button>
      </Space>
      {exporter.error && <Alert type="error" showIcon role="alert" message={describeError(t, exporter.error)} />}
      {done && (
        <Alert
          type="success"
          showIcon
          data-testid="export-done"
          data-export-id={done.id}
          message={t('trace.export.done', { file: done.file.name, manifest: done.manifest.name })}
          description={
            <>
              {t('trace.export.verify')}{' '}
              <a href="/v1/integrity/public-key" download="public-key.json" className="inline-link">
                {t('trace.export.publicKey')}
              </a>
              <Typography.Paragraph copyable className="verify-command">
                <code>{`npm run cli -- verify-export ${done.manifest.name} ${done.file.name} --public-key public-key.json`}</code>
              </Typography.Paragraph>
            </>
          }
        />
      )}
    </Space>
  );
}
