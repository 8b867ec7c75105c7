import { ArrowLeftOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Form, Input, message, Row, Space, Timeline, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { formatDateTime, hasMessage, useI18n } from '@/i18n';
import { AccountActivityChart } from '@/components/account-activity-chart';
import { ApiError, endedSession } from '@/lib/api-client';
import { QueryState, describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { useAccount, useAccountHistory, useLockChange } from '../api/accounts-api';
import { AccountStateTag } from './account-state-tag';
import { ExemptionsCard } from './exemptions-card';
import { LockDue } from './lock-due';

/** One account: its state, last activity, lock date, daily lookups, history; lock and unlock with a reason; exemptions. */
export function AccountPage({ canLock }: { canLock: boolean }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const account = useAccount(id);
  const history = useAccountHistory(id);
  const change = useLockChange(id);
  const [form] = Form.useForm<{ reason: string }>();
  const fieldErrors = useServerFieldErrors(form);
  const a = account.data;
  const to = a?.state === 'locked' ? 'unlock' : 'lock';

  const submit = async ({ reason }: { reason: string }) => {
    try {
      await change.mutateAsync({ to, reason: reason.trim() });
      form.resetFields();
      void message.success(t(to === 'lock' ? 'accounts.locked' : 'accounts.unlocked'));
    } catch (e) {
      if (!endedSession(e) && !(e instanceof ApiError && fieldErrors(e))) {
        void message.error(describeError(t, e));
      }
    }
  };

  /** A code in words; a code the catalogue does not know yet is shown as it is. */
  const label = (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    return hasMessage(key) ? t(key) : code;
  };

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <div className="page-header">
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/accounts')}>
          {t('accounts.back')}
        </Button>
      </div>
      <QueryState isLoading={account.isLoading} error={account.error} onRetry={() => void account.refetch()}>
        {a && (
          <>
            <div>
              <AccountStateTag state={a.state} />
              <Typography.Title level={1} className="alert-title">
                {a.accountId}
                {a.fullName ? ` · ${a.fullName}` : ''}
              </Typography.Title>
            </div>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Space direction="vertical" size="middle" className="full-width">
                  <Card title={<h2 className="card-title">{t('alert.facts')}</h2>}>
                    <Descriptions column={{ xs: 1, md: 2 }} size="small">
                      <Descriptions.Item label={t('alerts.col.unit')}>{[a.unitCode, a.unitName].filter(Boolean).join(' · ') || t('state.none')}</Descriptions.Item>
                      <Descriptions.Item label={t('accounts.role')}>{a.role ?? t('state.none')}</Descriptions.Item>
                      <Descriptions.Item label={t('accounts.col.lastActivity')}>{a.lastActivityAt ? formatDateTime(a.lastActivityAt) : t('state.none')}</Descriptions.Item>
                      <Descriptions.Item label={t('accounts.col.lockDue')}><LockDue account={a} /></Descriptions.Item>
                      <Descriptions.Item label={t('accounts.directoryStatus')}>{a.directoryStatus ? label('accounts.directory', a.directoryStatus) : t('state.none')}</Descriptions.Item>
                      <Descriptions.Item label={t('accounts.stateChangedAt')}>{a.stateChangedAt ? formatDateTime(a.stateChangedAt) : t('state.none')}</Descriptions.Item>
                    </Descriptions>
                  </Card>
                  <AccountActivityChart accountId={a.accountId} />
                  <Card title={<h2 className="card-title">{t('accounts.history')}</h2>}>
                    <QueryState isLoading={history.isLoading} error={history.error} isEmpty={history.data?.length === 0} onRetry={() => void history.refetch()}>
                      <Timeline
                        items={(history.data ?? []).map((h) => ({
                          key: h.id,
                          children: (
                            <div data-change={h.changeKind}>
                              <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text> <Typography.Text strong>{h.actor}</Typography.Text> {label('accounts.change', h.changeKind)}
                              {h.reason && <blockquote className="action-note">{h.reason}</blockquote>}
                            </div>
                          ),
                        }))}
                      />
                    </QueryState>
                  </Card>
                </Space>
              </Col>
              <Col xs={24} xl={9}>
                <Space direction="vertical" size="middle" className="full-width">
                  {canLock && (
                    <Card title={<h2 className="card-title">{t(to === 'lock' ? 'accounts.lock' : 'accounts.unlock')}</h2>} data-testid="lock-panel">
                      <Form form={form} layout="vertical" onFinish={submit}>
                        <Form.Item
                          label={t('accounts.reason')}
                          name="reason"
                          htmlFor="lock-reason"
                          extra={t('accounts.reasonHint')}
                          rules={[{ required: true, whitespace: true, min: 5, message: t('accounts.reasonRequired') }]}
                        >
                          <Input.TextArea id="lock-reason" rows={3} maxLength={500} />
                        </Form.Item>
                        <Button
                          htmlType="submit"
                          type={to === 'lock' ? 'primary' : 'default'}
                          danger={to === 'lock'}
                          icon={to === 'lock' ? <LockOutlined aria-hidden /> : <UnlockOutlined aria-hidden />}
                          loading={change.isPending}
                        >
                          {t(to === 'lock' ? 'accounts.lock' : 'accounts.unlock')}
                        </Button>
                      </Form>
                    </Card>
                  )}
                  <ExemptionsCard accountId={a.accountId} canLock={canLock} />
                </Space>
              </Col>
            </Row>
          </>
        )}
      </QueryState>
    </Space>
  );
}
