import { Button, Card, DatePicker, Form, Input, List, message, Modal, Space, Tag, Typography, Upload } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { formatDateTime, useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { saveFile } from '@/lib/save-file';
import { downloadRecordFile, IncidentDetail, useAddConfirmation, useRecordSending } from '../api/incidents-api';

type Dialog = 'sending' | 'confirmation' | null;
interface Values {
  at: Dayjs;
  channel?: string;
  recipient?: string;
  reference?: string;
  note?: string;
}

const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** The sendings of the notice and the confirmation records (biên bản), and the dialogs that add them. */
export function IncidentRecords({ incident, canWrite }: { incident: IncidentDetail; canWrite: boolean }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<Values>();
  const fieldErrors = useServerFieldErrors(form);
  const sending = useRecordSending(incident.id);
  const confirmation = useAddConfirmation(incident.id);

  const close = () => {
    setDialog(null);
    setFile(null);
  };
  const submit = async (v: Values) => {
    try {
      if (dialog === 'sending')
        await sending.mutateAsync({ at: v.at.toISOString(), channel: v.channel!.trim(), recipient: v.recipient!.trim(), reference: v.reference?.trim() || undefined, note: v.note?.trim() || undefined });
      else
        await confirmation.mutateAsync({
          at: v.at.toISOString(),
          note: v.note?.trim() || undefined,
          ...(file ? { fileName: file.name, fileType: file.type || 'application/octet-stream', fileBase64: await base64Of(file) } : {}),
        });
      void message.success(t('state.saved'));
      close();
    } catch (e) {
      if (!endedSession(e) && !(e instanceof ApiError && fieldErrors(e))) void message.error(describeError(t, e));
    }
  };
  const download = async (recordId: string, name: string) => {
    try {
      saveFile(await downloadRecordFile(incident.id, recordId, name));
    } catch (e) {
      void message.error(describeError(t, e));
    }
  };

  return (
    <Card title={<h2 className="card-title">{t('incidents.records.title')}</h2>}>
      {canWrite && (
        <Space wrap className="bottom-gap">
          <Button onClick={() => setDialog('sending')}>{t('incidents.records.addSending')}</Button>
          <Button onClick={() => setDialog('confirmation')}>{t('incidents.records.addConfirmation')}</Button>
        </Space>
      )}
      {!incident.records.length && <Typography.Paragraph>{t('incidents.records.empty')}</Typography.Paragraph>}
      <List
        data-testid="incident-records"
        locale={{ emptyText: ' ' }}
        dataSource={incident.records}
        renderItem={(r) => (
          <List.Item data-record-kind={r.kind}>
            <Space direction="vertical" size={2}>
              <Space wrap>
                <Tag>{t(r.kind === 'sending' ? 'incidents.records.sending' : 'incidents.records.confirmation')}</Tag>
                <Typography.Text>{formatDateTime(r.at)}</Typography.Text>
                {r.recipient && <Typography.Text>→ {r.recipient}</Typography.Text>}
                {r.channel && <Typography.Text type="secondary">({r.channel})</Typography.Text>}
                {r.reference && <Typography.Text code>{r.reference}</Typography.Text>}
              </Space>
              {r.note && <Typography.Text>{r.note}</Typography.Text>}
              {r.fileName && (
                <Space wrap>
                  <Button size="small" type="link" onClick={() => void download(r.id, r.fileName!)}>
                    {r.fileName}
                  </Button>
                  <Typography.Text type="secondary" className="mono">SHA-256: {r.fileSha256}</Typography.Text>
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={dialog !== null}
        title={t(dialog === 'sending' ? 'incidents.records.addSending' : 'incidents.records.addConfirmation')}
        okText={t('incidents.records.save')}
        cancelText={t('triage.cancel')}
        confirmLoading={sending.isPending || confirmation.isPending}
        onCancel={close}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ at: dayjs() }} data-testid="record-form">
          <Form.Item label={t('incidents.records.at')} name="at" htmlFor="r-at" rules={[{ required: true, message: t('incidents.required.discoveredAt') }]}>
            <DatePicker id="r-at" showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" className="full-width" />
          </Form.Item>
          {dialog === 'sending' && (
            <>
              <Form.Item label={t('incidents.records.recipient')} name="recipient" htmlFor="r-recipient" initialValue="Bộ Công an (Cục A05)" rules={[{ required: true, whitespace: true, message: t('incidents.notice.required') }]}>
                <Input id="r-recipient" maxLength={500} />
              </Form.Item>
              <Form.Item label={t('incidents.records.channel')} name="channel" htmlFor="r-channel" rules={[{ required: true, whitespace: true, message: t('incidents.notice.required') }]}>
                <Input id="r-channel" maxLength={300} />
              </Form.Item>
              <Form.Item label={t('incidents.records.reference')} name="reference" htmlFor="r-reference">
                <Input id="r-reference" maxLength={300} />
              </Form.Item>
            </>
          )}
          {dialog === 'confirmation' && (
            <Form.Item label={t('incidents.records.file')}>
              <Upload accept="application/pdf,image/jpeg,image/png" beforeUpload={(f) => (setFile(f), false)} onRemove={() => setFile(null)} maxCount={1} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
                <Button>{t('incidents.records.chooseFile')}</Button>
              </Upload>
            </Form.Item>
          )}
          <Form.Item label={t('incidents.records.note')} name="note" htmlFor="r-note">
            <Input.TextArea id="r-note" rows={3} maxLength={20000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
