import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, List, message, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDate, useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { QueryState, describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { Exemption, useExemptionChange, useExemptions } from '../api/accounts-api';

interface GrantForm {
  kind: 'service' | 'leave';
  reason: string;
  approver: string;
  validUntil: Dayjs;
}

const stateOf = (e: Exemption) => (e.revokedAt ? 'revoked' : e.active ? 'active' : 'ended');

/** The account's exemptions from the idle lock, each with reason, approver and expiry; admins add and revoke them. */
export function ExemptionsCard({ accountId, canLock }: { accountId: string; canLock: boolean }) {
  const { t } = useI18n();
  const exemptions = useExemptions(accountId);
  const change = useExemptionChange(accountId);
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<Exemption | null>(null);
  const [grantForm] = Form.useForm<GrantForm>();
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const grantErrors = useServerFieldErrors(grantForm);
  const revokeErrors = useServerFieldErrors(revokeForm);
  const required = { required: true, whitespace: true, message: t('exemptions.required') };

  const failed = (e: unknown, fieldErrors: (e: ApiError) => boolean) => {
    if (!endedSession(e) && !(e instanceof ApiError && fieldErrors(e))) void message.error(describeError(t, e));
  };
  const grant = async (v: GrantForm) => {
    try {
      // In force to the end of the chosen Ha Noi day.
      const validUntil = `${v.validUntil.format('YYYY-MM-DD')}T23:59:59+07:00`;
      await change.grant.mutateAsync({ kind: v.kind, reason: v.reason.trim(), approver: v.approver.trim(), validUntil });
      grantForm.resetFields();
      setAdding(false);
      void message.success(t('exemptions.added'));
    } catch (e) {
      failed(e, grantErrors);
    }
  };
  const revoke = async ({ reason }: { reason: string }) => {
    try {
      await change.revoke.mutateAsync({ exemptionId: revoking!.id, reason: reason.trim() });
      revokeForm.resetFields();
      setRevoking(null);
      void message.success(t('exemptions.revoked'));
    } catch (e) {
      failed(e, revokeErrors);
    }
  };
  const period = (e: Exemption) => t('exemptions.period', { from: formatDate(e.validFrom), to: formatDate(e.validUntil) });

  return (
    <Card title={<h2 className="card-title">{t('exemptions.title')}</h2>} data-testid="exemptions">
      <QueryState isLoading={exemptions.isLoading} error={exemptions.error} isEmpty={exemptions.data?.length === 0} emptyText={t('exemptions.empty')} onRetry={() => void exemptions.refetch()}>
        <List
          dataSource={exemptions.data}
          renderItem={(e) => (
            <List.Item
              key={e.id}
              data-exemption={stateOf(e)}
              actions={
                canLock && e.active
                  ? [
                      <Button key="revoke" size="small" icon={<StopOutlined aria-hidden />} onClick={() => setRevoking(e)} aria-label={t('exemptions.revokeOf', { kind: t(`exemptions.kind.${e.kind}`), date: formatDate(e.validUntil) })}>
                        {t('exemptions.revoke')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag>{t(`exemptions.state.${stateOf(e)}`)}</Tag>
                    <span>{t(`exemptions.kind.${e.kind}`)}</span>
                    <Typography.Text type="secondary">{period(e)}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    {e.reason} · {t('exemptions.approver')}: {e.approver}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </QueryState>
      {canLock && (
        <Button className="top-gap" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
          {t('exemptions.add')}
        </Button>
      )}
      <Modal title={t('exemptions.add')} open={adding} onCancel={() => setAdding(false)} onOk={() => grantForm.submit()} okText={t('exemptions.add')} confirmLoading={change.grant.isPending} destroyOnHidden>
        <Form form={grantForm} layout="vertical" onFinish={grant} initialValues={{ kind: 'leave' }}>
          <Form.Item label={t('exemptions.kind')} name="kind" htmlFor="ex-kind">
            <Select id="ex-kind" options={(['leave', 'service'] as const).map((k) => ({ value: k, label: t(`exemptions.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item label={t('exemptions.reason')} name="reason" htmlFor="ex-reason" rules={[{ ...required, min: 5, message: t('accounts.reasonRequired') }]}>
            <Input.TextArea id="ex-reason" rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item label={t('exemptions.approver')} name="approver" htmlFor="ex-approver" rules={[{ ...required, min: 2 }]}>
            <Input id="ex-approver" maxLength={200} />
          </Form.Item>
          <Form.Item label={t('exemptions.validUntil')} name="validUntil" htmlFor="ex-until" rules={[{ required: true, message: t('exemptions.required') }]}>
            <DatePicker id="ex-until" format="DD/MM/YYYY" className="full-width" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={revoking ? t('exemptions.revokeOf', { kind: t(`exemptions.kind.${revoking.kind}`), date: formatDate(revoking.validUntil) }) : ''}
        open={!!revoking}
        onCancel={() => setRevoking(null)}
        onOk={() => revokeForm.submit()}
        okText={t('exemptions.revoke')}
        okButtonProps={{ danger: true }}
        confirmLoading={change.revoke.isPending}
        destroyOnHidden
      >
        <Form form={revokeForm} layout="vertical" onFinish={revoke}>
          <Form.Item label={t('exemptions.revokeReason')} name="reason" htmlFor="ex-revoke-reason" rules={[{ ...required, min: 5, message: t('accounts.reasonRequired') }]}>
            <Input.TextArea id="ex-revoke-reason" rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
