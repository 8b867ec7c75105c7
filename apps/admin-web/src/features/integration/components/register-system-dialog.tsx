import { Form, Input, message, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { FieldCatalogEntry, NewSourceSystem, useRegisterSystem } from '../api/integration-api';

const CODE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

interface Props {
  /** The code seen in events (the dialog is closed while undefined). */
  code: string | undefined;
  catalog: Map<string, FieldCatalogEntry> | undefined;
  onClose(): void;
}

/** Registers a system seen in events but unknown to the registry, under the code its producer sends. */
export function RegisterSystemDialog({ code, catalog, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewSourceSystem>();
  const fieldErrors = useServerFieldErrors(form);
  const register = useRegisterSystem();
  useEffect(() => {
    if (code) form.setFieldsValue({ code, name: '', operatorOrg: '', allowedFields: [] });
  }, [code, form]);

  const submit = async (v: NewSourceSystem) => {
    try {
      const trimmed = (s?: string) => s?.trim() || undefined;
      await register.mutateAsync({
        code: v.code.trim(),
        name: v.name.trim(),
        operatorOrg: v.operatorOrg.trim(),
        allowedFields: v.allowedFields,
        legalBasis: trimmed(v.legalBasis),
        approvalDocNo: trimmed(v.approvalDocNo),
        status: 'active',
      });
      void message.success(t('integration.register.done', { code: v.code }));
      onClose();
    } catch (e) {
      if (!endedSession(e) && !(e instanceof ApiError && fieldErrors(e))) void message.error(describeError(t, e));
    }
  };

  return (
    <Modal
      open={!!code}
      title={t('integration.register.title')}
      okText={t('integration.register.ok')}
      cancelText={t('triage.cancel')}
      confirmLoading={register.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('integration.code')} name="code" htmlFor="sys-code" extra={t('integration.register.codeHint')} rules={[{ required: true, pattern: CODE, message: t('integration.register.codeInvalid') }]}>
          <Input id="sys-code" maxLength={64} />
        </Form.Item>
        <Form.Item label={t('integration.name')} name="name" htmlFor="sys-name" rules={[{ required: true, whitespace: true, message: t('admin.users.required') }]}>
          <Input id="sys-name" maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item label={t('integration.operator')} name="operatorOrg" htmlFor="sys-operator" rules={[{ required: true, whitespace: true, message: t('admin.users.required') }]}>
          <Input id="sys-operator" maxLength={200} />
        </Form.Item>
        <Form.Item label={t('integration.declaredFields')} name="allowedFields" htmlFor="sys-fields" extra={t('integration.register.fieldsHint')}>
          <Select
            id="sys-fields"
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={[...(catalog?.values() ?? [])].map((f) => ({
              value: f.code,
              label: f.class === 'sensitive' ? `${f.label} (${f.code}) · ${t('integration.field.sensitive')}` : `${f.label} (${f.code})`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('integration.register.legalBasis')} name="legalBasis" htmlFor="sys-legal">
          <Input id="sys-legal" maxLength={500} />
        </Form.Item>
        <Form.Item label={t('integration.register.approvalDocNo')} name="approvalDocNo" htmlFor="sys-approval">
          <Input id="sys-approval" maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
