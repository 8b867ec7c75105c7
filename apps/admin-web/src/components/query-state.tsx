import { Alert, Button, Empty, Skeleton } from 'antd';
import { ReactNode } from 'react';
import { Translate, useI18n } from '@/i18n';
import { ApiError } from '@/lib/api-client';

interface Props {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  /** A small empty state, for a card among others on the page. */
  compact?: boolean;
  children: ReactNode;
}

/** The three states every list and page has besides its data: loading, error (with a retry), and empty. */
export function QueryState({ isLoading, error, isEmpty, emptyText, onRetry, compact, children }: Props) {
  const { t } = useI18n();
  if (isLoading) return <PageLoading />;
  if (error) return <ErrorNotice error={error} onRetry={onRetry} />;
  if (isEmpty) return <Empty image={compact ? Empty.PRESENTED_IMAGE_SIMPLE : undefined} description={emptyText ?? t('state.empty')} />;
  return <>{children}</>;
}

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" aria-label={t('state.loading')}>
      <Skeleton active paragraph={{ rows: 6 }} />
    </div>
  );
}

/** What went wrong, in a sentence: the server's message, or that it could not be reached. */
export function describeError(t: Translate, error: unknown): string {
  return t('state.error', { reason: error instanceof ApiError && error.status ? error.message : t('state.network') });
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={describeError(t, error)}
      action={onRetry && <Button onClick={onRetry}>{t('state.retry')}</Button>}
    />
  );
}
