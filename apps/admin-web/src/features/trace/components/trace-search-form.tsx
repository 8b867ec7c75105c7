import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useServerFieldErrors } from '@/components/use-server-field-errors';
import { useI18n } from '@/i18n';
import type { ApiError } from '@/lib/api-client';
import { TRACE_ACTIONS, TRACE_RESULTS } from '../api/trace-api';
import { LIST_PARAMS, SearchInAddress } from '../api/trace-params';
import { PERSONAL_ID, splitIds } from '../hooks/personal-ids';

export interface TraceFormValues {
  caseReference: string;
  purpose: string;
  subjectIds: string;
  accountId: string;
  unitCode: string;
  clientIp: string;
  sourceSystem: string;
  action: string[];
  result: string[];
  field: string;
  dossierCode: string;
  procedureCode: string;
  explained: '' | 'true' | 'false';
  period: [Dayjs | null, Dayjs | null] | null;
}

interface Props {
  initial: SearchInAddress | null;
  personalIds: string[];
  onSearch: (values: TraceFormValues) => void;
  /** The last refused call: its field errors go beside the fields. */
  serverError: ApiError | null;
  busy: boolean;
}

const TEXT_LISTS = ['accountId', 'unitCode', 'clientIp', 'sourceSystem', 'field', 'dossierCode', 'procedureCode'] as const;

/** The API's names for the form's fields (a refused subjectIds[0] goes beside the citizens' field). */
const SERVER_FIELDS: Record<string, string> = { subjectIds: 'subjectIds', from: 'period', to: 'period' };

function initialValues(initial: SearchInAddress | null, personalIds: string[]): Partial<TraceFormValues> {
  const c = initial?.criteria ?? {};
  const values: Partial<TraceFormValues> = {
    caseReference: initial?.case.caseReference ?? '',
    purpose: initial?.case.purpose ?? '',
    subjectIds: personalIds.join(', '),
    action: c.action ?? [],
    result: c.result ?? [],
    explained: c.explained === undefined ? '' : c.explained ? 'true' : 'false',
    period: initial?.fromDay || initial?.toDay ? [initial.fromDay ? dayjs(initial.fromDay) : null, initial.toDay ? dayjs(initial.toDay) : null] : null,
  };
  for (const key of TEXT_LISTS) values[key] = (c[key] ?? []).join(', ');
  return values;
}

/** The search: the case reference and the purpose first (required), then any of the criteria. */
export function TraceSearchForm({ initial, personalIds, onSearch, serverError, busy }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<TraceFormValues>();
  const placeServerErrors = useServerFieldErrors(form, SERVER_FIELDS);
  useEffect(() => {
    if (serverError) placeServerErrors(serverError);
  }, [serverError, placeServerErrors]);

  const list = (name: (typeof TEXT_LISTS)[number], label: string, hint?: string) => (
    <Form.Item name={name} label={label} htmlFor={`trace-${name}`} extra={hint}>
      <Input id={`trace-${name}`} allowClear />
    </Form.Item>
  );

  return (
    <Card title={<h2 className="card-title">{t('trace.form.title')}</h2>} data-testid="trace-form">
      <Form<TraceFormValues>
        form={form}
        layout="vertical"
        role="search"
        aria-label={t('trace.form.title')}
        initialValues={initialValues(initial, personalIds)}
        onFinish={onSearch}
        requiredMark
      >
        <div className="trace-case">
          <Form.Item
            name="caseReference"
            label={t('trace.form.caseReference')}
            htmlFor="trace-case"
            extra={t('trace.form.caseReferenceHint')}
            rules={[{ required: true, whitespace: true, message: t('trace.form.caseRequired') }, { max: 100, message: t('trace.form.tooLong', { n: 100 }) }]}
          >
            <Input id="trace-case" />
          </Form.Item>
          <Form.Item
            name="purpose"
            label={t('trace.form.purpose')}
            htmlFor="trace-purpose"
            rules={[{ required: true, whitespace: true, message: t('trace.form.purposeRequired') }, { max: 500, message: t('trace.form.tooLong', { n: 500 }) }]}
          >
            <Input id="trace-purpose" />
          </Form.Item>
        </div>
        <div className="filter-bar trace-criteria">
          <Form.Item
            name="subjectIds"
            label={t('trace.form.subjectIds')}
            htmlFor="trace-subjects"
            extra={t('trace.form.subjectIdsHint')}
            rules={[
              {
                validator: async (_, value: string) => {
                  if (splitIds(value ?? '').some((id) => !PERSONAL_ID.test(id))) throw new Error(t('trace.form.subjectIdsInvalid'));
                },
              },
            ]}
          >
            <Input id="trace-subjects" autoComplete="off" inputMode="numeric" spellCheck={false} allowClear />
          </Form.Item>
          {list('accountId', t('trace.form.accountId'))}
          {list('unitCode', t('trace.form.unitCode'))}
          {list('clientIp', t('trace.form.clientIp'), t('trace.form.clientIpHint'))}
          {list('sourceSystem', t('trace.form.sourceSystem'))}
          <Form.Item name="action" label={t('trace.form.action')} htmlFor="trace-action">
            <Select id="trace-action" mode="multiple" allowClear options={TRACE_ACTIONS.map((a) => ({ value: a, label: t(`trace.action.${a}`) }))} />
          </Form.Item>
          <Form.Item name="result" label={t('trace.form.result')} htmlFor="trace-result">
            <Select id="trace-result" mode="multiple" allowClear options={TRACE_RESULTS.map((r) => ({ value: r, label: t(`trace.result.${r}`) }))} />
          </Form.Item>
          {list('field', t('trace.form.field'), t('trace.form.fieldHint'))}
          {list('dossierCode', t('trace.form.dossierCode'))}
          {list('procedureCode', t('trace.form.procedureCode'))}
          <Form.Item name="explained" label={t('trace.form.explained')} htmlFor="trace-explained">
            <Select
              id="trace-explained"
              options={[
                { value: '', label: t('trace.form.any') },
                { value: 'true', label: t('trace.explained.yes') },
                { value: 'false', label: t('trace.explained.no') },
              ]}
            />
          </Form.Item>
          <Form.Item name="period" label={t('trace.form.period')} htmlFor="trace-period" className="trace-period">
            <DatePicker.RangePicker id={{ start: 'trace-period' }} format="DD/MM/YYYY" allowEmpty={[true, true]} placeholder={[t('trace.form.from'), t('trace.form.to')]} />
          </Form.Item>
        </div>
        <p className="card-note">{t('trace.form.listsHint')}</p>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={busy}>
          {t('trace.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The form's comma-separated lists as the API's arrays. */
export function listsOf(values: TraceFormValues): Partial<Record<(typeof LIST_PARAMS)[number], string[]>> {
  const out: Partial<Record<(typeof LIST_PARAMS)[number], string[]>> = {};
  for (const key of TEXT_LISTS) {
    const items = splitIds(values[key] ?? '');
    if (items.length) out[key] = items;
  }
  if (values.action?.length) out.action = values.action;
  if (values.result?.length) out.result = values.result;
  return out;
}
