import { Card, Timeline, Typography } from 'antd';
import { formatDateTime, hasMessage, useI18n } from '@/i18n';
import type { AlertDetail } from '../api/alert.type';

/** Everything done to the alert, oldest first, with each comment or reason in full. */
export function AlertHistory({ alert }: { alert: AlertDetail }) {
  const { t } = useI18n();
  return (
    <Card title={<h2 className="card-title">{t('alert.history')}</h2>}>
      <Timeline
        items={alert.actions.map((a) => {
          const key = `action.${a.action}`;
          const note = [a.details.comment, a.details.reason, a.details.text].find((v) => typeof v === 'string') as string | undefined;
          const after = (a.details.after ?? {}) as Record<string, unknown>;
          const outcomeKey = `outcome.${String(after.outcome)}`;
          const outcome =
            a.action === 'resolved' && hasMessage(outcomeKey)
              ? t(outcomeKey)
              : a.action === 'assigned' && typeof after.assigneeName === 'string'
                ? after.assigneeName
                : undefined;
          return {
            key: a.id,
            children: (
              <div data-action={a.action}>
                <Typography.Text type="secondary">{formatDateTime(a.at)}</Typography.Text>{' '}
                <Typography.Text strong>{a.actorName}</Typography.Text> {hasMessage(key) ? t(key) : a.action}
                {outcome && <>: {outcome}</>}
                {note && <blockquote className="action-note">{note}</blockquote>}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
