import { CheckCircleOutlined, LockOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useI18n } from '@/i18n';

/** Locked or in use, as a word and an icon. */
export function AccountStateTag({ state }: { state: string }) {
  const { t } = useI18n();
  const locked = state === 'locked';
  return (
    <Tag icon={locked ? <LockOutlined aria-hidden /> : <CheckCircleOutlined aria-hidden />} className={locked ? 'state-locked' : 'state-active'} data-state={state}>
      {t(locked ? 'accounts.state.locked' : 'accounts.state.active')}
    </Tag>
  );
}
