import { Alert, Button, Empty, Skeleton } from 'antd';
import { ReactNode } from 'react';
import { useI18n } from '@/i18n';
import { ApiError } from '@/lib/api-client';

interface Props {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: ReactNode;
}

/** The three states every list and page has besides its data: loading, error (with a retry), and empty. */
export function QueryState({ isLoading, error, isEmpty, emptyText, onRetry, children }: Props) {
  const { t } = useI18n();
  if (isLoading) {
    return (
      <div role="status" aria-live="polite" aria-label={t('state.loading')}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </div>
    );
  }
  if (error) return <ErrorNotice error={error} onRetry={onRetry} />;
  if (isEmpty) return <Empty description={emptyText ?? t('state.empty')} />;
  return <>{children}</>;
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const reason = error instanceof ApiError && error.status ? error.message : t('state.network');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={t('state.error', { reason })}
      action={onRetry && <Button onClick={onRetry}>{t('state.retry')}</Button>}
    />
  );
}
