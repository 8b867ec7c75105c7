import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '@/components/query-state';
import { useI18n } from '@/i18n';
import { saveFile } from '@/lib/save-file';
import { DownloadedExport, ExportFormat, TraceSearch, useExport } from '../api/trace-api';

const REVEAL_REASON_MIN = 5;

/**
 * Evidence export of the current search: the file and its signed manifest, and how to check them offline. A holder
 * of audit:reveal may have the personal IDs in the file too, giving a reason.
 */
export function ExportButtons({ search, canReveal }: { search: TraceSearch; canReveal: boolean }) {
  const { t } = useI18n();
  const exporter = useExport();
  const [done, setDone] = useState<DownloadedExport | null>(null);
  const [withIds, setWithIds] = useState(false);
  const [reason, setReason] = useState('');
  useEffect(() => setDone(null), [search]);
  const reasonMissing = withIds && reason.trim().length < REVEAL_REASON_MIN;
  const run = (format: ExportFormat) =>
    exporter.mutate(
      { search, format, revealReason: withIds ? reason.trim() : undefined },
      {
        onSuccess: (result) => {
          saveFile(result.file);
          saveFile(result.manifest);
          setDone(result);
        },
      },
    );
  return (
    <Space direction="vertical" className="full-width" data-testid="trace-export">
      {canReveal && (
        <Space direction="vertical" className="full-width">
          <Checkbox checked={withIds} onChange={(e) => setWithIds(e.target.checked)} data-testid="export-with-ids">
            {t('trace.export.withIds')}
          </Checkbox>
          {withIds && (
            <>
              <label htmlFor="export-reveal-reason">{t('trace.export.withIdsReason')}</label>
              <Input.TextArea id="export-reveal-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} status={reasonMissing && reason ? 'error' : undefined} />
              <Typography.Text type="secondary">{t('trace.export.withIdsNote')}</Typography.Text>
            </>
          )}
        </Space>
      )}
      <Space wrap>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => run('csv')} disabled={reasonMissing} loading={exporter.isPending && exporter.variables?.format === 'csv'}>
          {t('trace.export.csv')}
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => run('xlsx')} disabled={reasonMissing} loading={exporter.isPending && exporter.variables?.format === 'xlsx'}>
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
