import { Form, Input, Modal } from 'antd';
import { useI18n } from '@/i18n';

interface Props {
  open: boolean;
  title: string;
  okText: string;
  loading: boolean;
  onOk(reason: string): void;
  onClose(): void;
}

/** Asks why before a removal that the change log keeps (at least 3 characters, as the API requires). */
export function ReasonDialog({ open, title, okText, loading, onOk, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open={open} title={title} okText={okText} cancelText={t('triage.cancel')} okButtonProps={{ danger: true }} confirmLoading={loading} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => onOk(v.reason.trim())}>
        <Form.Item label={t('admin.detection.reason')} name="reason" htmlFor="removal-reason" rules={[{ required: true, whitespace: true, min: 3, message: t('admin.detection.reasonRequired', { n: 3 }) }]}>
          <Input id="removal-reason" maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
