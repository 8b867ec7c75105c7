import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled, StopFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { ReactNode } from 'react';
import { hasMessage, useI18n } from '@/i18n';

const ICON: Record<string, ReactNode> = {
  success: <CheckCircleFilled aria-hidden />,
  not_found: <QuestionCircleFilled aria-hidden />,
  denied: <StopFilled aria-hidden />,
  error: <CloseCircleFilled aria-hidden />,
};

/** A lookup's result as a word and an icon (never colour alone). */
export function TraceResultTag({ result }: { result: string }) {
  const { t } = useI18n();
  const key = `trace.result.${result}`;
  return (
    <Tag icon={ICON[result] ?? ICON.error} className={`trace-result trace-result-${result}`} data-result={result}>
      {hasMessage(key) ? t(key) : result}
    </Tag>
  );
}

/** An action or an alert type in words when the catalogue knows it, else its code. */
export function useCodeLabel() {
  const { t } = useI18n();
  return (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    return hasMessage(key) ? t(key) : code;
  };
}
