import { CheckCircleOutlined, EyeInvisibleOutlined, InboxOutlined, UserOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { ReactNode } from 'react';
import { useI18n } from '@/i18n';

export const STATUSES = ['open', 'acknowledged', 'resolved', 'suppressed'] as const;
type Status = (typeof STATUSES)[number];

const ICON: Record<Status, ReactNode> = {
  open: <InboxOutlined aria-hidden />,
  acknowledged: <UserOutlined aria-hidden />,
  resolved: <CheckCircleOutlined aria-hidden />,
  suppressed: <EyeInvisibleOutlined aria-hidden />,
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const s = (STATUSES as readonly string[]).includes(status) ? (status as Status) : 'open';
  return (
    <Tag icon={ICON[s]} bordered={false} data-status={s}>
      {t(`status.${s}`)}
    </Tag>
  );
}
