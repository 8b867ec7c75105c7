import { DatePicker, Form, Input, message, Modal, Select, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { useOpenIncident } from '../api/incidents-api';

interface Values {
  title: string;
  discoveredAt?: Dayjs;
  description?: string;
  assignees?: string[];
  alertIds?: string[];
}

interface Props {
  open: boolean;
  onClose(): void;
  /** Opened from an alert's page: its id, linked and prefilling the incident. */
  alertId?: string;
}

/** Opens an incident: what happened, when it was discovered (the 72 hours run from then), who is reminded. */
export function OpenIncidentDialog({ open, onClose, alertId }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const fieldErrors = useServerFieldErrors(form);
  const create = useOpenIncident();
  const navigate = useNavigate();

  const submit = async (v: Values) => {
    try {
      const incident = await create.mutateAsync({
        title: v.title.trim(),
        description: v.description?.trim() || undefined,
        discoveredAt: v.discoveredAt?.toISOString(),
        assignees: v.assignees?.length ? v.assignees : undefined,
        alertIds: v.alertIds?.length ? v.alertIds : undefined,
      });
      onClose();
      navigate(`/incidents/${incident.id}`);
    } catch (e) {
      if (!endedSession(e) && !(e instanceof ApiError && fieldErrors(e))) void message.error(describeError(t, e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('incidents.open')}
      okText={t('incidents.openOk')}
      cancelText={t('triage.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('incidents.openIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ alertIds: alertId ? [alertId] : [], discoveredAt: dayjs() }} data-testid="open-incident-form">
        <Form.Item label={t('incidents.field.title')} name="title" htmlFor="i-title" rules={[{ required: true, whitespace: true, min: 3, message: t('incidents.required.title') }]}>
          <Input id="i-title" autoFocus maxLength={300} />
        </Form.Item>
        <Form.Item label={t('incidents.field.discoveredAt')} name="discoveredAt" htmlFor="i-discovered" extra={t('incidents.discoveredHint')} rules={[{ required: true, message: t('incidents.required.discoveredAt') }]}>
          <DatePicker id="i-discovered" showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} className="full-width" />
        </Form.Item>
        <Form.Item label={t('incidents.field.description')} name="description" htmlFor="i-description">
          <Input.TextArea id="i-description" rows={3} maxLength={20000} />
        </Form.Item>
        <Form.Item label={t('incidents.field.assignees')} name="assignees" extra={t('incidents.assigneesHint')} rules={[{ type: 'array', defaultField: { type: 'email', message: t('admin.users.emailInvalid') } }]}>
          <Select mode="tags" tokenSeparators={[',', ' ', ';']} open={false} aria-label={t('incidents.field.assignees')} suffixIcon={null} />
        </Form.Item>
        <Form.Item label={t('incidents.field.alerts')} name="alertIds" extra={t('incidents.alertsHint')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} aria-label={t('incidents.field.alerts')} suffixIcon={null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
