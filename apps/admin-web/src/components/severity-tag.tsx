import {
  ExclamationCircleFilled,
  FireFilled,
  InfoCircleOutlined,
  MinusCircleOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Tag } from 'antd';
import { ReactNode } from 'react';
import { useI18n } from '@/i18n';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

// Colours in styles.css (.severity-*): dark text on a light tint, 4.5:1 or better.
const ICON: Record<Severity, ReactNode> = {
  critical: <FireFilled aria-hidden />,
  high: <WarningFilled aria-hidden />,
  medium: <ExclamationCircleFilled aria-hidden />,
  low: <MinusCircleOutlined aria-hidden />,
  info: <InfoCircleOutlined aria-hidden />,
};

/** Severity as a word and an icon as well as a colour: never colour alone. */
export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useI18n();
  const s = (SEVERITIES as readonly string[]).includes(severity) ? (severity as Severity) : 'info';
  return (
    <Tag icon={ICON[s]} className={`severity-tag severity-${s}`} data-severity={s}>
      {t(`severity.${s}`)}
    </Tag>
  );
}
