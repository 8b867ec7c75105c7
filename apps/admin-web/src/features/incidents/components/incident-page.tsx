import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Form, Input, message, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError, QueryState } from '@/components/query-state';
import { formatDateTime, useI18n } from '@/i18n';
import { IncidentDetail, useIncident, useNoticeVersions, useUpdateIncident } from '../api/incidents-api';
import { DeadlineCountdown } from './deadline-countdown';
import { IncidentRecords } from './incident-records';
import { NoticeEditor } from './notice-editor';
import { NoticeVersions } from './notice-versions';

/** One incident: its facts and deadline, the notice editor and its versions, the sendings and confirmations. */
export function IncidentPage({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const incident = useIncident(id);
  const versions = useNoticeVersions(id);
  const [editing, setEditing] = useState(false);
  const i = incident.data;
  const none = t('state.none');
  const list = (values: string[]) => (values.length ? values.join(', ') : none);

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <div className="page-header">
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/incidents')}>
          {t('incidents.back')}
        </Button>
        {canWrite && i && <Button onClick={() => setEditing(true)}>{t('incidents.edit')}</Button>}
      </div>
      <QueryState isLoading={incident.isLoading} error={incident.error} onRetry={() => void incident.refetch()}>
        {i && (
          <>
            <div>
              <Space wrap align="center">
                <Tag>{t(`incidents.status.${i.status}`)}</Tag>
                <DeadlineCountdown remainingMs={i.remainingMs} late={i.late} fetchedAt={incident.dataUpdatedAt} />
              </Space>
              <Typography.Title level={1} className="alert-title">
                #{i.id} · {i.title}
              </Typography.Title>
            </div>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Space direction="vertical" size="middle" className="full-width">
                  {versions.data?.[0] && <NoticeEditor key={versions.data[0].version} incidentId={i.id} latest={versions.data[0]} late={i.late} canWrite={canWrite} />}
                  {versions.data && <NoticeVersions incidentId={i.id} versions={versions.data} />}
                </Space>
              </Col>
              <Col xs={24} xl={9}>
                <Space direction="vertical" size="middle" className="full-width">
                  <Card title={<h2 className="card-title">{t('incidents.facts')}</h2>}>
                    <Descriptions column={1} size="small" data-testid="incident-facts">
                      <Descriptions.Item label={t('incidents.field.discoveredAt')}>{formatDateTime(i.discoveredAt)}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.col.deadline')}>{formatDateTime(i.deadlineAt)}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.notifiedAt')}>{i.notifiedAt ? formatDateTime(i.notifiedAt) : none}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.field.assignees')}>{list(i.assignees)}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.field.alerts')}>
                        {i.alertIds.length ? i.alertIds.map((a) => <Link key={a} to={`/alerts/${a}`} className="inline-link">#{a}</Link>) : none}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('incidents.field.accounts')}>{list(i.accounts)}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.field.units')}>{list(i.units)}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.field.fields')}>{list(i.fields)}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.field.subjects')}>{i.subjectsAffected ?? none}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.field.records')}>{i.recordsAffected ?? none}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.openedBy')}>{`${i.openedBy}, ${formatDateTime(i.openedAt)}`}</Descriptions.Item>
                      <Descriptions.Item label={t('incidents.retainUntil')}>{formatDateTime(i.retainUntil)}</Descriptions.Item>
                    </Descriptions>
                    {i.description && <Typography.Paragraph className="top-gap">{i.description}</Typography.Paragraph>}
                  </Card>
                  <IncidentRecords incident={i} canWrite={canWrite} />
                </Space>
              </Col>
            </Row>
            <EditIncidentDialog incident={i} open={editing} onClose={() => setEditing(false)} />
          </>
        )}
      </QueryState>
    </Space>
  );
}

interface EditValues {
  title: string;
  description: string;
  measuresTaken: string;
  assignees: string[];
}

/** The details an admin keeps up to date; the discovery time (and so the deadline) never changes. */
function EditIncidentDialog({ incident, open, onClose }: { incident: IncidentDetail; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateIncident(incident.id);
  const submit = async (v: EditValues) => {
    try {
      await update.mutateAsync({ title: v.title.trim(), description: v.description, measuresTaken: v.measuresTaken, assignees: v.assignees });
      onClose();
    } catch (e) {
      void message.error(describeError(t, e));
    }
  };
  return (
    <Modal open={open} title={t('incidents.edit')} okText={t('incidents.records.save')} cancelText={t('triage.cancel')} confirmLoading={update.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ title: incident.title, description: incident.description, measuresTaken: incident.measuresTaken, assignees: incident.assignees }}>
        <Form.Item label={t('incidents.field.title')} name="title" htmlFor="e-title" rules={[{ required: true, whitespace: true, min: 3, message: t('incidents.required.title') }]}>
          <Input id="e-title" maxLength={300} />
        </Form.Item>
        <Form.Item label={t('incidents.field.description')} name="description" htmlFor="e-description">
          <Input.TextArea id="e-description" rows={3} />
        </Form.Item>
        <Form.Item label={t('incidents.field.measures')} name="measuresTaken" htmlFor="e-measures">
          <Input.TextArea id="e-measures" rows={3} />
        </Form.Item>
        <Form.Item label={t('incidents.field.assignees')} name="assignees" extra={t('incidents.assigneesHint')} rules={[{ type: 'array', defaultField: { type: 'email', message: t('admin.users.emailInvalid') } }]}>
          <Select mode="tags" tokenSeparators={[',', ' ', ';']} open={false} aria-label={t('incidents.field.assignees')} suffixIcon={null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
