import { Button, Result } from 'antd';
import type { ResultStatusType } from 'antd/es/result';
import { useNavigate } from 'react-router';
import { MessageKey, useI18n } from '@/i18n';

function StatusPage({ status, title, text }: { status: ResultStatusType; title: MessageKey; text: MessageKey }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status={status}
      title={<h1 className="result-title">{t(title)}</h1>}
      subTitle={t(text)}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('forbidden.home')}
        </Button>
      }
    />
  );
}

/** A page opened by URL that the user's roles do not include: said plainly, never a blank page. */
export function ForbiddenPage() {
  return <StatusPage status="403" title="forbidden.title" text="forbidden.text" />;
}

export function NotFoundPage() {
  return <StatusPage status="404" title="notFound.title" text="notFound.text" />;
}
