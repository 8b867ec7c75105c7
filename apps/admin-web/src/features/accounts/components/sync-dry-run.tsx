import { ExperimentOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Radio, Row, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/i18n';
import { ErrorNotice } from '@/components/query-state';
import { DirectorySyncResult, useSyncDryRun } from '../api/accounts-api';

type Mode = 'delta' | 'full';

/** The request's content type from the file's name: the API reads JSON arrays, NDJSON and CSV (account-directory.v1). */
function contentTypeOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'application/x-ndjson';
  return 'application/json';
}

/** POST /v1/accounts/sync?dryRun=true with a directory file the admin chooses: what the sync would add, lock and remove. */
export function SyncDryRun() {
  const { t } = useI18n();
  const run = useSyncDryRun();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('delta');
  const [missing, setMissing] = useState(false);

  const submit = async () => {
    if (!file) return setMissing(true);
    run.mutate({ content: await file.text(), contentType: contentTypeOf(file.name), mode });
  };

  return (
    <Card title={<h2 className="card-title">{t('dryRun.sync.title')}</h2>} data-testid="sync-dry-run">
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('dryRun.sync.mode')}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} aria-label={t('dryRun.sync.mode')}>
            <Space direction="vertical">
              <Radio value="delta">{t('dryRun.sync.mode.delta')}</Radio>
              <Radio value="full">{t('dryRun.sync.mode.full')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('dryRun.sync.file')} htmlFor="sync-file" extra={t('dryRun.sync.hint')} validateStatus={missing ? 'error' : undefined} help={missing ? t('dryRun.sync.fileRequired') : undefined}>
          <Upload
            accept=".json,.ndjson,.jsonl,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setMissing(false);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'directory', name: file.name, status: 'done' }] : []}
          >
            <Button id="sync-file" icon={<UploadOutlined aria-hidden />}>
              {t('dryRun.sync.file')}
            </Button>
          </Upload>
        </Form.Item>
        <Button htmlType="submit" icon={<ExperimentOutlined aria-hidden />} loading={run.isPending}>
          {t('dryRun.sync.run')}
        </Button>
      </Form>
      {run.error && <ErrorNotice error={run.error} />}
      {run.data && <SyncPlan result={run.data} />}
    </Card>
  );
}

function SyncPlan({ result }: { result: DirectorySyncResult }) {
  const { t, n } = useI18n();
  // Links beside words are underlined: not told apart by colour alone.
  const link = (id: string) => <Link className="inline-link" to={`/accounts/${encodeURIComponent(id)}`}>{id}</Link>;
  const list = (ids: string[]) => (ids.length ? <ul className="sample-list">{ids.map((id) => <li key={id}>{link(id)}</li>)}</ul> : <Typography.Text type="secondary">{t('dryRun.nothing')}</Typography.Text>);
  return (
    <div className="top-gap" data-testid="sync-plan">
      <Typography.Paragraph role="status">
        {t('dryRun.sync.summary', {
          received: n(result.received),
          created: n(result.created),
          updated: n(result.updated),
          unchanged: n(result.unchanged),
          locked: n(result.wouldLock.length),
          removed: n(result.wouldRemove.length),
          rejected: n(result.rejected.length),
        })}
      </Typography.Paragraph>
      {result.massChange && <Alert type="warning" showIcon message={t('dryRun.massChange', { n: n(result.wouldLock.length + result.wouldRemove.length) })} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <h3 className="card-subtitle">{t('dryRun.sync.wouldLock')}</h3>
          {result.wouldLock.length ? (
            <ul className="sample-list" data-testid="sync-would-lock">
              {result.wouldLock.map((l) => (
                <li key={l.accountId}>
                  {link(l.accountId)} ({t(`dryRun.sync.reason.${l.reason}`)})
                </li>
              ))}
            </ul>
          ) : (
            list([])
          )}
        </Col>
        <Col xs={24} lg={12}>
          <h3 className="card-subtitle">{t('dryRun.sync.wouldRemove')}</h3>
          {list(result.wouldRemove)}
        </Col>
      </Row>
      {result.rejected.length > 0 && (
        <Table
          rowKey={(r) => `${r.line}-${r.field ?? ''}-${r.message}`}
          size="small"
          tableLayout="fixed"
          title={() => <h3 className="card-subtitle">{t('dryRun.sync.rejected')}</h3>}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          dataSource={result.rejected}
          columns={[
            { title: t('dryRun.col.line'), dataIndex: 'line', width: 80 },
            { title: t('dryRun.col.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}
