import { CheckOutlined, EyeInvisibleOutlined, RollbackOutlined, SendOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Form, Input, message, Select, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { MessageKey, useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { TriageStep, useAssignableUsers, useTriage } from '../api/alerts-api';
import { AlertDetail, AlertOutcome, OUTCOMES } from '../api/alert.type';
import { useDraft } from '../hooks/use-draft';
import { ResolveDialog } from './resolve-dialog';
import { SuppressDialog } from './suppress-dialog';

const DONE: Record<TriageStep['kind'], MessageKey> = {
  acknowledge: 'action.acknowledged',
  assign: 'action.assigned',
  comment: 'action.commented',
  resolve: 'action.resolved',
  reopen: 'action.reopened',
};

export interface TriageHandle {
  acknowledge(): void;
  focusComment(): void;
  resolve(outcome: AlertOutcome): void;
}

interface Props {
  alert: AlertDetail;
  me: { id: string; username: string };
  canReadUsers: boolean;
  canSuppress: boolean;
}

/** The reviewer's actions on one alert; each shows the server's answer, its field errors beside the field. */
export const TriagePanel = forwardRef<TriageHandle, Props>(function TriagePanel({ alert, me, canReadUsers, canSuppress }, ref) {
  const { t } = useI18n();
  const triage = useTriage(alert.id);
  const users = useAssignableUsers(canReadUsers);
  const [commentForm] = Form.useForm<{ text: string }>();
  const [reopenForm] = Form.useForm<{ reason: string }>();
  const commentErrors = useServerFieldErrors(commentForm);
  const reopenErrors = useServerFieldErrors(reopenForm);
  const [draft, setDraft, clearDraft] = useDraft(`comment.${alert.id}`);
  const [resolving, setResolving] = useState<AlertOutcome>();
  const [suppressing, setSuppressing] = useState(false);
  const commentBox = useRef<TextAreaRef>(null);
  const active = alert.status === 'open' || alert.status === 'acknowledged';

  /** Runs a step; false with the field errors shown (or a message) when the server refuses it. */
  const run = async (step: TriageStep, onFields?: (e: ApiError) => boolean): Promise<boolean> => {
    try {
      await triage.mutateAsync(step);
      void message.success(t('triage.done', { what: t(DONE[step.kind]) }));
      return true;
    } catch (e) {
      if (endedSession(e)) return false;
      if (e instanceof ApiError && e.status === 409) void message.warning(t('triage.conflict'));
      else if (!(e instanceof ApiError && onFields?.(e))) void message.error(describeError(t, e));
      return false;
    }
  };

  useImperativeHandle(ref, () => ({
    acknowledge: () => alert.status === 'open' && void run({ kind: 'acknowledge' }),
    focusComment: () => commentBox.current?.focus(),
    resolve: (outcome) => active && setResolving(outcome),
  }));

  return (
    <Card title={<h2 className="card-title">{t('triage.title')}</h2>} data-testid="triage-panel">
      <Space direction="vertical" size="middle" className="full-width">
        {active && (
          <Space wrap>
            {alert.status === 'open' && (
              <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => void run({ kind: 'acknowledge' })} loading={triage.isPending} aria-keyshortcuts="a">
                {t('triage.acknowledge')}
              </Button>
            )}
            {alert.assigneeId !== me.id && (
              <Button icon={<UserAddOutlined aria-hidden />} onClick={() => void run({ kind: 'assign', userId: me.id })} disabled={triage.isPending}>
                {t('triage.assignToMe')}
              </Button>
            )}
          </Space>
        )}
        {active && canReadUsers && (
          <Form layout="vertical" onFinish={(v: { userId: string }) => void run({ kind: 'assign', userId: v.userId })}>
            <Form.Item label={t('triage.assign')} name="userId" htmlFor="assignee" rules={[{ required: true, message: t('triage.assignee') }]}>
              <Select
                id="assignee"
                loading={users.isLoading}
                showSearch
                optionFilterProp="label"
                options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
              />
            </Form.Item>
            <Button htmlType="submit" disabled={triage.isPending}>
              {t('triage.assignSubmit')}
            </Button>
          </Form>
        )}
        <Form
          form={commentForm}
          layout="vertical"
          initialValues={{ text: draft }}
          onValuesChange={(_, v) => setDraft(v.text ?? '')}
          onFinish={async (v) => {
            if (await run({ kind: 'comment', text: v.text.trim() }, commentErrors)) {
              commentForm.resetFields();
              commentForm.setFieldsValue({ text: '' });
              clearDraft();
            }
          }}
        >
          <Form.Item label={t('triage.comment')} name="text" htmlFor="comment-text" rules={[{ required: true, whitespace: true, message: t('triage.commentRequired') }]}>
            <Input.TextArea id="comment-text" ref={commentBox} rows={3} maxLength={4000} placeholder={t('triage.commentPlaceholder')} aria-keyshortcuts="c" />
          </Form.Item>
          <Button htmlType="submit" icon={<SendOutlined aria-hidden />} disabled={triage.isPending}>
            {t('triage.commentSubmit')}
          </Button>
        </Form>
        {active && (
          <>
            <Divider className="tight-divider" />
            <Typography.Text strong>{t('triage.resolve')}</Typography.Text>
            <Space wrap>
              {OUTCOMES.map((o) => (
                <Button key={o} onClick={() => setResolving(o)} aria-keyshortcuts={{ true_positive: 't', false_positive: 'f', expected: 'e' }[o]} danger={o === 'true_positive'}>
                  {t(`outcome.${o}`)}
                </Button>
              ))}
            </Space>
          </>
        )}
        {!active && alert.status === 'resolved' && alert.outcome && (
          <Typography.Paragraph>{t('triage.closed', { outcome: t(`outcome.${alert.outcome}`) })}</Typography.Paragraph>
        )}
        {!active && (
          <Form form={reopenForm} layout="vertical" onFinish={async (v) => (await run({ kind: 'reopen', reason: v.reason.trim() }, reopenErrors)) && reopenForm.resetFields()}>
            <Form.Item label={t('triage.reopenReason')} name="reason" htmlFor="reopen-reason" rules={[{ required: true, whitespace: true, message: t('triage.reasonRequired') }]}>
              <Input.TextArea id="reopen-reason" rows={2} maxLength={4000} />
            </Form.Item>
            <Button htmlType="submit" icon={<RollbackOutlined aria-hidden />} disabled={triage.isPending}>
              {t('triage.reopen')}
            </Button>
          </Form>
        )}
        {canSuppress && (alert.accountId || alert.unitCode) && (
          <Button icon={<EyeInvisibleOutlined aria-hidden />} onClick={() => setSuppressing(true)}>
            {t('triage.suppress')}
          </Button>
        )}
      </Space>
      <ResolveDialog
        outcome={resolving}
        busy={triage.isPending}
        onCancel={() => setResolving(undefined)}
        onResolve={async (outcome, comment, onFields) => {
          if (await run({ kind: 'resolve', outcome, comment }, onFields)) setResolving(undefined);
        }}
      />
      <SuppressDialog alert={alert} open={suppressing} onClose={() => setSuppressing(false)} />
    </Card>
  );
});
