import { Alert, Checkbox, Form, Input, message, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { CreatedUser, NewUser, useCreateUser } from '../api/users-api';

const ROLES: NewUser['roles'] = ['reviewer', 'auditor', 'operator', 'admin'];

/** A new user with a one-time password, shown here once; they choose their own at first sign-in. */
export function CreateUserDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewUser>();
  const fieldErrors = useServerFieldErrors(form);
  const create = useCreateUser();
  const [created, setCreated] = useState<CreatedUser>();

  const close = () => {
    setCreated(undefined);
    onClose();
  };
  const submit = async (v: NewUser) => {
    try {
      setCreated(await create.mutateAsync({ ...v, username: v.username.trim(), unitCode: v.unitCode?.trim() || undefined }));
    } catch (e) {
      if (!endedSession(e) && !(e instanceof ApiError && fieldErrors(e))) void message.error(describeError(t, e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin.users.create')}
      okText={created ? t('integration.keys.issuedDone') : t('admin.users.createOk')}
      cancelText={t('triage.cancel')}
      cancelButtonProps={{ hidden: !!created }}
      confirmLoading={create.isPending}
      onCancel={close}
      onOk={() => (created ? close() : form.submit())}
      destroyOnHidden
    >
      {created ? (
        <>
          <Alert type="warning" showIcon message={t('admin.users.otpWarning')} />
          <Typography.Paragraph className="top-gap">{t('admin.users.otpFor', { username: created.user.username })}</Typography.Paragraph>
          <Typography.Paragraph code copyable={{ text: created.oneTimePassword }} data-testid="one-time-password" className="issued-key">
            {created.oneTimePassword}
          </Typography.Paragraph>
        </>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ roles: ['reviewer'] }}>
          <Form.Item label={t('auth.username')} name="username" htmlFor="u-username" extra={t('admin.users.usernameHint')} rules={[{ required: true, whitespace: true, message: t('auth.required.username') }]}>
            <Input id="u-username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item label={t('admin.users.displayName')} name="displayName" htmlFor="u-name" rules={[{ required: true, whitespace: true, message: t('admin.users.required') }]}>
            <Input id="u-name" maxLength={200} />
          </Form.Item>
          <Form.Item label={t('admin.users.email')} name="email" htmlFor="u-email" rules={[{ required: true, type: 'email', message: t('admin.users.emailInvalid') }]}>
            <Input id="u-email" maxLength={200} />
          </Form.Item>
          <Form.Item label={t('alerts.filter.unit')} name="unitCode" htmlFor="u-unit">
            <Input id="u-unit" maxLength={64} />
          </Form.Item>
          <Form.Item label={t('admin.users.roles')} name="roles" rules={[{ required: true, message: t('admin.users.rolesRequired') }]}>
            <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
