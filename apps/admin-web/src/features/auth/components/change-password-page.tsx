import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, message, Space } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useI18n } from '@/i18n';
import { ApiError } from '@/lib/api-client';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { authApi } from '../api/auth-api';
import { useSession } from '../hooks/session-provider';
import { AuthCard } from './auth-card';
import type { ReturnState } from './sign-in-page';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The first sign-in with a one-time password ends here: nothing else opens until the password is changed. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const from = ((useLocation().state ?? {}) as ReturnState).from ?? '/';
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const showFieldErrors = useServerFieldErrors(form);

  if (session.status === 'signed-out') return <Navigate to="/sign-in" replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword);
      await session.reload();
      void message.success(t('auth.changePassword.done'));
      navigate(from, { replace: true });
    } catch (e) {
      if (!(e instanceof ApiError) || !showFieldErrors(e)) {
        setError(e instanceof ApiError && e.status ? e.message : t('state.network'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.changePassword.title')}>
      <Space direction="vertical" size="middle" className="full-width">
        <Alert type="info" showIcon message={t('auth.changePassword.intro')} />
        {error && <Alert type="error" showIcon role="alert" message={error} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label={t('auth.changePassword.current')}
            name="currentPassword"
            rules={[{ required: true, message: t('auth.required.password') }]}
          >
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('auth.changePassword.new')}
            name="newPassword"
            extra={t('auth.changePassword.hint')}
            rules={[{ required: true, message: t('auth.required.password') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('auth.changePassword.confirm')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('auth.required.password') },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.changePassword.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<KeyOutlined aria-hidden />} loading={busy} block>
            {t('auth.changePassword.submit')}
          </Button>
        </Form>
      </Space>
    </AuthCard>
  );
}
