import { LoginOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useI18n } from '@/i18n';
import { ApiError } from '@/lib/api-client';
import { describeError } from '@/components/query-state';
import { startOidcSignIn } from '@/lib/oidc';
import { authApi } from '../api/auth-api';
import { useSession } from '../hooks/session-provider';
import { AuthCard } from './auth-card';

export interface ReturnState {
  from?: string;
  reason?: 'expired' | 'signed-out';
}

export function SignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as ReturnState;
  const from = state.from && !state.from.startsWith('/sign-in') ? state.from : '/';
  const reason = state.reason ?? session.ended;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const oidc = useQuery({ queryKey: ['auth', 'oidc'], queryFn: authApi.oidcSettings, staleTime: Infinity });

  if (session.status === 'signed-in' && !busy) return <Navigate to={from} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const me = await session.signIn(values.username.trim(), values.password);
      navigate(me.user.mustChangePassword ? '/change-password' : from, { replace: true, state: { from } });
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      setError(
        status === 401 || status === 400
          ? t('auth.signIn.failed')
          : status === 429
            ? t('auth.signIn.rateLimited')
            : describeError(t, e),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.signIn.title')}>
      <Space direction="vertical" size="middle" className="full-width">
        {reason === 'expired' && <Alert type="warning" showIcon message={t('auth.signIn.expired')} />}
        {reason === 'signed-out' && <Alert type="info" showIcon message={t('auth.signIn.signedOut')} />}
        {error && <Alert type="error" showIcon message={error} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label={t('auth.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('auth.required.username') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.required.password') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<LoginOutlined aria-hidden />} loading={busy} block>
            {t('auth.signIn.submit')}
          </Button>
        </Form>
        {oidc.data?.enabled && oidc.data.issuer && oidc.data.clientId && (
          <>
            <Divider plain>{t('auth.signIn.or')}</Divider>
            <Button
              icon={<SafetyCertificateOutlined aria-hidden />}
              block
              onClick={() =>
                startOidcSignIn(oidc.data.issuer!, oidc.data.clientId!, from).catch((e: Error) =>
                  setError(t('auth.oidc.failed', { reason: e.message })),
                )
              }
            >
              {t('auth.signIn.oidc')}
            </Button>
          </>
        )}
      </Space>
    </AuthCard>
  );
}
