import { Alert, Button, Card, Col, Collapse, Form, Input, InputNumber, message, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '@/components/query-state';
import { useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { NoticeContent, NoticeVersion, useFinaliseNotice, useSaveNotice } from '../api/incidents-api';

/** The form's values: the notice, with its lists as one line each. */
type Values = Omit<NoticeContent, 'recipients' | 'attachments'> & { recipients: string; attachments: string };

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const toValues = (c: NoticeContent): Values => ({ ...c, recipients: c.recipients.join('\n'), attachments: c.attachments.join('\n') });

function toContent(base: NoticeContent, v: Values): NoticeContent {
  return {
    ...base,
    ...v,
    recipients: lines(v.recipients),
    attachments: lines(v.attachments),
    organisation: { ...base.organisation, ...v.organisation, dataProtectionLead: { ...base.organisation.dataProtectionLead, ...v.organisation?.dataProtectionLead }, signer: { ...base.organisation.signer, ...v.organisation?.signer } },
    violation: { ...base.violation, ...v.violation, dataCategories: base.violation.dataCategories },
    lateReason: v.lateReason?.trim() ? v.lateReason : null,
    number: null,
  };
}

interface Props {
  incidentId: string;
  latest: NoticeVersion;
  late: boolean;
  canWrite: boolean;
}

/**
 * The notice of the latest version, on the form's fields. Each save is a new version (kept); "Hoàn tất" saves what
 * was changed, then finalises: the server checks it is complete, numbers it and makes the PDF and DOCX.
 */
export function NoticeEditor({ incidentId, latest, late, canWrite }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useSaveNotice(incidentId);
  const finalise = useFinaliseNotice(incidentId);
  const [problems, setProblems] = useState<string[]>([]);
  const readOnly = !canWrite || latest.finalised;

  useEffect(() => form.setFieldsValue(toValues(latest.content)), [form, latest]);

  const saveIfChanged = async (): Promise<number> => {
    if (!form.isFieldsTouched()) return latest.version;
    const saved = await save.mutateAsync(toContent(latest.content, await form.validateFields()));
    form.resetFields();
    return saved.version;
  };
  const run = async (step: () => Promise<unknown>, done: string) => {
    setProblems([]);
    try {
      await step();
      void message.success(done);
    } catch (e) {
      if (endedSession(e)) return;
      if (e instanceof ApiError && e.details.length) setProblems(e.details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)));
      else if (e instanceof ApiError || !(e as { errorFields?: unknown }).errorFields) void message.error(describeError(t, e));
    }
  };
  const text = (name: (string | number)[], label: string, rows = 0, required = false) => (
    <Form.Item name={name} label={label} htmlFor={`n-${name.join('-')}`} rules={required ? [{ required: true, whitespace: true, message: t('incidents.notice.required') }] : undefined}>
      {rows ? <Input.TextArea id={`n-${name.join('-')}`} rows={rows} readOnly={readOnly} /> : <Input id={`n-${name.join('-')}`} readOnly={readOnly} />}
    </Form.Item>
  );

  return (
    <Card
      title={<h2 className="card-title">{t('incidents.notice.title', { version: latest.version })}</h2>}
      extra={latest.finalised ? <Tag color="green">{t('incidents.notice.finalised', { number: latest.content.number ?? '' })}</Tag> : <Tag>{t('incidents.notice.draft')}</Tag>}
      data-testid="notice-editor"
    >
      <Typography.Paragraph type="secondary">{t(latest.content.form === 'decree-356-form-08' ? 'incidents.notice.form08' : 'incidents.notice.form03')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={toValues(latest.content)} disabled={save.isPending || finalise.isPending}>
        {late && (
          <>
            <Alert type="error" showIcon message={t('incidents.notice.lateAsk')} className="bottom-gap" />
            {text(['lateReason'], t('incidents.notice.lateReason'), 3, true)}
          </>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>{text(['issuedOn'], t('incidents.notice.issuedOn'))}</Col>
          <Col xs={24} md={12}>{text(['recipients'], t('incidents.notice.recipients'), 2)}</Col>
        </Row>
        <Typography.Title level={3} className="card-subtitle">{t('incidents.notice.violation')}</Typography.Title>
        {text(['violation', 'act'], t('incidents.notice.act'), 4)}
        {text(['violation', 'parties'], t('incidents.notice.parties'), 2)}
        {text(['violation', 'place'], t('incidents.notice.place'))}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['violation', 'subjectsAffected']} label={t('incidents.field.subjects')} htmlFor="n-subjects">
              <InputNumber id="n-subjects" min={0} readOnly={readOnly} className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['violation', 'recordsAffected']} label={t('incidents.field.records')} htmlFor="n-records">
              <InputNumber id="n-records" min={0} readOnly={readOnly} className="full-width" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('incidents.notice.categories')}>
          <Space wrap>
            {latest.content.violation.dataCategories.map((c) => (
              <Tag key={c.field} color={c.sensitive ? 'red' : undefined}>
                {c.label}
                {c.sensitive ? ` (${t('incidents.notice.sensitive')})` : ''}
              </Tag>
            ))}
          </Space>
        </Form.Item>
        {text(['violation', 'responsiblePerson'], t('incidents.notice.responsible'))}
        {text(['violation', 'consequences'], t('incidents.notice.consequences'), 3)}
        {text(['violation', 'measuresTaken'], t('incidents.field.measures'), 3)}
        {text(['attachments'], t('incidents.notice.attachments'), 2)}
        {text(['commitment'], t('incidents.notice.commitment'), 2)}
        <Collapse
          items={[
            {
              key: 'organisation',
              label: t('incidents.notice.organisation'),
              forceRender: true,
              children: (
                <Row gutter={16}>
                  {(['name', 'headOfficeAddress', 'transactionAddress', 'foundingDocument', 'taxCode', 'phone', 'email', 'website', 'place'] as const).map((k) => (
                    <Col xs={24} md={12} key={k}>{text(['organisation', k], t(`incidents.org.${k}`))}</Col>
                  ))}
                  {(['name', 'title', 'phone', 'email'] as const).map((k) => (
                    <Col xs={24} md={12} key={`lead-${k}`}>{text(['organisation', 'dataProtectionLead', k], t(`incidents.org.lead.${k}`))}</Col>
                  ))}
                  {(['authority', 'title', 'name'] as const).map((k) => (
                    <Col xs={24} md={8} key={`signer-${k}`}>{text(['organisation', 'signer', k], t(`incidents.org.signer.${k}`))}</Col>
                  ))}
                </Row>
              ),
            },
          ]}
        />
      </Form>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="top-gap"
          data-testid="notice-problems"
          message={t('incidents.notice.incomplete')}
          description={<ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
        />
      )}
      {!readOnly && (
        <Space className="top-gap">
          <Button onClick={() => void run(() => saveIfChanged(), t('incidents.notice.saved'))} loading={save.isPending}>
            {t('incidents.notice.save')}
          </Button>
          <Button type="primary" onClick={() => void run(async () => finalise.mutateAsync(await saveIfChanged()), t('incidents.notice.finalisedOk'))} loading={finalise.isPending}>
            {t('incidents.notice.finalise')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
