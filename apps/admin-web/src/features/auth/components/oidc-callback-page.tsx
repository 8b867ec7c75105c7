import { Alert, Button, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '@/i18n';
import { finishOidcSignIn } from '@/lib/oidc';
import { useSession } from '../hooks/session-provider';
import { AuthCard } from './auth-card';

/** Where the identity provider sends the browser back: the code becomes an ID token, then a session here. */
export function OidcCallbackPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    finishOidcSignIn(window.location.search)
      .then(async ({ idToken, from }) => {
        await session.signInWithIdToken(idToken);
        navigate(from, { replace: true });
      })
      .catch((e: Error) => setError(e.message));
  }, [session, navigate]);

  return (
    <AuthCard title={t('auth.signIn.title')}>
      {error ? (
        <>
          <Alert type="error" showIcon role="alert" message={t('auth.oidc.failed', { reason: error })} />
          <Button className="top-gap" onClick={() => navigate('/sign-in', { replace: true })}>
            {t('auth.oidc.back')}
          </Button>
        </>
      ) : (
        <Spin tip={t('auth.oidc.callback')}>
          <div className="spin-box" />
        </Spin>
      )}
    </AuthCard>
  );
}
