import { Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '@/i18n';
import type { ApiError } from '@/lib/api-client';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import type { AlertOutcome } from '../api/alert.type';

interface Props {
  outcome?: AlertOutcome;
  busy: boolean;
  onCancel(): void;
  onResolve(outcome: AlertOutcome, comment: string | undefined, onFields: (e: ApiError) => boolean): Promise<void>;
}

/** Confirms a resolution, with an optional comment kept in the action log. */
export function ResolveDialog({ outcome, busy, onCancel, onResolve }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment?: string }>();
  const fieldErrors = useServerFieldErrors(form);
  useEffect(() => {
    if (outcome) form.resetFields();
  }, [outcome, form]);
  const label = outcome ? t('triage.resolveAs', { outcome: t(`outcome.${outcome}`) }) : '';
  return (
    <Modal
      open={!!outcome}
      title={label}
      okText={t('triage.resolve')}
      cancelText={t('triage.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ danger: outcome === 'true_positive' }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => outcome && void onResolve(outcome, v.comment?.trim() || undefined, fieldErrors)}
      >
        <Typography.Paragraph type="secondary">{label}</Typography.Paragraph>
        <Form.Item label={t('triage.resolveComment')} name="comment" htmlFor="resolve-comment">
          <Input.TextArea id="resolve-comment" rows={3} maxLength={4000} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
