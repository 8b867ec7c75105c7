import { FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { describeError } from '@/components/query-state';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { useI18n } from '@/i18n';
import { ApiError } from '@/lib/api-client';
import { useGenerateReport } from '../api/reports-api';
import { apiPeriod } from './report-period';

interface Values {
  period: [Dayjs | null, Dayjs | null] | null;
}

const SERVER_FIELDS = { from: 'period', to: 'period' };

/** "Tạo báo cáo": an on-demand report of any period (first and last day included), archived beside the scheduled ones. */
export function GenerateReportCard() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const generate = useGenerateReport();
  const placeServerErrors = useServerFieldErrors(form, SERVER_FIELDS);
  useEffect(() => {
    if (generate.error instanceof ApiError) placeServerErrors(generate.error);
  }, [generate.error, placeServerErrors]);

  const submit = ({ period }: Values) => {
    if (!period?.[0] || !period[1]) return;
    generate.mutate(apiPeriod(period[0], period[1]));
  };

  return (
    <Card title={<h2 className="card-title">{t('reports.generate.title')}</h2>} data-testid="generate-report" className="full-height">
      <p className="card-intro">{t('reports.generate.intro')}</p>
      <Form<Values> form={form} layout="vertical" onFinish={submit} aria-label={t('reports.generate.title')}>
        <Form.Item name="period" label={t('reports.generate.period')} htmlFor="report-period" rules={[{ required: true, message: t('reports.generate.periodRequired') }]}>
          <DatePicker.RangePicker id={{ start: 'report-period', end: 'report-period-end' }} format="DD/MM/YYYY" placeholder={[t('reports.generate.from'), t('reports.generate.to')]} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<FileAddOutlined aria-hidden />} loading={generate.isPending}>
          {t('reports.generate.submit')}
        </Button>
      </Form>
      {generate.error && !(generate.error instanceof ApiError && generate.error.details.length) && (
        <Alert type="error" showIcon role="alert" className="top-gap" message={describeError(t, generate.error)} />
      )}
      {generate.data && (
        <Alert type="success" showIcon className="top-gap" data-testid="generate-done" data-report-id={generate.data.id} message={t('reports.generate.done', { number: generate.data.documentNumber })} />
      )}
    </Card>
  );
}
