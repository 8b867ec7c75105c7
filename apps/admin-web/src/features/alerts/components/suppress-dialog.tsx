import { DatePicker, Form, Input, message, Modal, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { useCreateSuppression } from '../api/alerts-api';
import type { AlertDetail } from '../api/alert.type';

interface Values {
  reason: string;
  validUntil: Dayjs;
}

/** An admin's decision that alerts like this one (same type, same account or unit) are expected until a date. */
export function SuppressDialog({ alert, open, onClose }: { alert: AlertDetail; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const fieldErrors = useServerFieldErrors(form);
  const create = useCreateSuppression();

  const submit = async (v: Values) => {
    try {
      await create.mutateAsync({
        reason: v.reason.trim(),
        type: alert.type,
        ...(alert.accountId ? { accountId: alert.accountId } : { unitCode: alert.unitCode ?? undefined }),
        // The end of the chosen Ha Noi day.
        validUntil: new Date(`${v.validUntil.format('YYYY-MM-DD')}T23:59:59+07:00`).toISOString(),
      });
      void message.success(t('triage.suppressDone'));
      onClose();
    } catch (e) {
      if (!endedSession(e) && !(e instanceof ApiError && fieldErrors(e))) {
        void message.error(describeError(t, e));
      }
    }
  };

  return (
    <Modal
      open={open}
      title={t('triage.suppress')}
      okText={t('triage.suppressSubmit')}
      cancelText={t('triage.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('triage.suppressIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ validUntil: dayjs().add(30, 'day') }}>
        <Form.Item label={t('triage.suppressReason')} name="reason" htmlFor="suppress-reason" rules={[{ required: true, whitespace: true, min: 3, message: t('triage.reasonRequired') }]}>
          <Input.TextArea id="suppress-reason" rows={3} maxLength={1000} autoFocus />
        </Form.Item>
        <Form.Item label={t('triage.suppressUntil')} name="validUntil" htmlFor="suppress-until" rules={[{ required: true, message: t('triage.suppressUntil') }]}>
          <DatePicker id="suppress-until" format="DD/MM/YYYY" disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(366, 'day'))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
