import { Card, Typography } from 'antd';
import { ReactNode } from 'react';
import { useI18n } from '@/i18n';
import { LanguageSwitch } from '@/components/language-switch';

/** The frame of the pages before the console: sign-in, first password change, identity-provider return. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main className="auth-page">
      <div className="auth-brand">
        <Typography.Text strong>{t('app.office')}</Typography.Text>
        <LanguageSwitch />
      </div>
      <Card className="auth-card">
        <Typography.Title level={1} className="auth-title">
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.title')}</Typography.Paragraph>
        {children}
      </Card>
    </main>
  );
}
