import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '@/i18n';

/** Below this the countdown turns red. */
const URGENT_MS = 12 * 3600_000;

interface Props {
  /** The API's milliseconds left when the data was fetched (null: notified). */
  remainingMs: number | null;
  /** When the data was fetched (TanStack Query's dataUpdatedAt): the countdown runs from there. */
  fetchedAt: number;
  late: boolean;
}

/** "Còn 05:12:09" ticking each second from the API's figure; red under 12 hours; "Quá hạn" once passed. */
export function DeadlineCountdown({ remainingMs, fetchedAt, late }: Props) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (remainingMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [remainingMs]);
  if (remainingMs === null) return <Tag className={late ? 'state-locked' : 'state-active'}>{t(late ? 'incidents.notifiedLate' : 'incidents.notified')}</Tag>;
  const left = remainingMs - (now - fetchedAt);
  if (late || left <= 0)
    return (
      <Tag color="red" data-testid="countdown" data-state="late">
        {t('incidents.late')}
      </Tag>
    );
  const s = Math.floor(left / 1000);
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((v) => String(v).padStart(2, '0')).join(':');
  const urgent = left < URGENT_MS;
  return (
    <Tag color={urgent ? 'red' : 'blue'} data-testid="countdown" data-state={urgent ? 'urgent' : 'running'} role="timer" aria-live="off">
      {t('incidents.left', { time: hms })}
    </Tag>
  );
}
