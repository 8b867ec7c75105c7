import { DownloadOutlined, FileProtectOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { useI18n } from '@/i18n';
import { ApiError } from '@/lib/api-client';
import { saveFile } from '@/lib/save-file';
import { Report, ReportFormat, useCitizenAccessReport, useDownloadReport } from '../api/reports-api';
import { apiPeriod } from './report-period';

interface Values {
  subject: string;
  caseReference: string;
  purpose: string;
  requesterName: string;
  period: [Dayjs | null, Dayjs | null] | null;
}

const PERSONAL_ID = /^[0-9]{12}$/;
const SERVER_FIELDS = { from: 'period', to: 'period' };

/**
 * A citizen's access report: who looked this citizen up, for the citizen. The personal ID is typed masked, sent only
 * in the request's body, and cleared from the form once the report is made; the report never prints it.
 */
export function CitizenAccessCard() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const create = useCitizenAccessReport();
  const download = useDownloadReport();
  const placeServerErrors = useServerFieldErrors(form, SERVER_FIELDS);
  useEffect(() => {
    if (create.error instanceof ApiError) placeServerErrors(create.error);
  }, [create.error, placeServerErrors]);

  const submit = (v: Values) => {
    const [first, last] = v.period ?? [null, null];
    const period = first && last ? apiPeriod(first, last) : {};
    create.mutate(
      {
        subject: v.subject.trim(),
        caseReference: v.caseReference.trim(),
        purpose: v.purpose.trim(),
        requesterName: v.requesterName?.trim() || undefined,
        ...period,
      },
      { onSuccess: () => form.setFieldValue('subject', '') },
    );
  };
  const get = (report: Report, format: ReportFormat) => download.mutate({ report, format }, { onSuccess: saveFile });
  const done = create.data;
  const summary = done?.citizenAccess;

  return (
    <Card title={<h2 className="card-title">{t('reports.access.title')}</h2>} data-testid="citizen-access" className="full-height">
      <p className="card-intro">{t('reports.access.intro')}</p>
      <Form<Values> form={form} layout="vertical" onFinish={submit} aria-label={t('reports.access.title')} autoComplete="off">
        <Form.Item
          name="subject"
          label={t('reports.access.subject')}
          htmlFor="access-subject"
          extra={t('reports.access.subjectHint')}
          rules={[
            { required: true, message: t('reports.access.subjectInvalid') },
            { pattern: PERSONAL_ID, message: t('reports.access.subjectInvalid') },
          ]}
        >
          <Input.Password id="access-subject" inputMode="numeric" maxLength={12} autoComplete="off" visibilityToggle />
        </Form.Item>
        <Form.Item name="caseReference" label={t('reports.access.caseReference')} htmlFor="access-case" extra={t('reports.access.caseHint')} rules={[{ required: true, whitespace: true, message: t('reports.access.caseRequired') }, { max: 100, message: t('trace.form.tooLong', { n: 100 }) }]}>
          <Input id="access-case" />
        </Form.Item>
        <Form.Item name="purpose" label={t('reports.access.purpose')} htmlFor="access-purpose" rules={[{ required: true, whitespace: true, message: t('reports.access.purposeRequired') }, { max: 500, message: t('trace.form.tooLong', { n: 500 }) }]}>
          <Input.TextArea id="access-purpose" rows={2} />
        </Form.Item>
        <Form.Item name="requesterName" label={t('reports.access.requesterName')} htmlFor="access-name" extra={t('reports.access.requesterHint')} rules={[{ max: 100, message: t('trace.form.tooLong', { n: 100 }) }]}>
          <Input id="access-name" />
        </Form.Item>
        <Form.Item name="period" label={t('reports.access.period')} htmlFor="access-period" extra={t('reports.access.periodHint')}>
          <DatePicker.RangePicker id={{ start: 'access-period', end: 'access-period-end' }} format="DD/MM/YYYY" placeholder={[t('reports.generate.from'), t('reports.generate.to')]} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<FileProtectOutlined aria-hidden />} loading={create.isPending}>
          {t('reports.access.submit')}
        </Button>
      </Form>
      {create.error && !(create.error instanceof ApiError && create.error.details.length) && (
        <Alert type="error" showIcon role="alert" className="top-gap" message={describeError(t, create.error)} />
      )}
      {done && summary && (
        <Alert
          type="success"
          showIcon
          className="top-gap"
          data-testid="access-done"
          data-report-id={done.id}
          data-events={summary.events}
          message={t('reports.access.done', { number: done.documentNumber, events: summary.events, accounts: summary.accounts })}
          description={
            <Space wrap>
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => get(done, 'pdf')} loading={download.isPending && download.variables?.format === 'pdf'}>
                {t('reports.access.downloadPdf')}
              </Button>
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => get(done, 'xlsx')} loading={download.isPending && download.variables?.format === 'xlsx'}>
                {t('reports.access.downloadXlsx')}
              </Button>
            </Space>
          }
        />
      )}
    </Card>
  );
}
