import { Card, Form, Input, Space } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { NetworksCard } from './networks-card';
import { UnitKindsCard } from './unit-kinds-card';
import { WorkingHoursCard } from './working-hours-card';

const UNIT_CODE = /^[A-Za-z0-9._-]{1,64}$/;

/** Đơn vị: a unit's working hours and registered networks, found by its code; the kinds of unit and their hours. */
export function UnitsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const [form] = Form.useForm<{ unit: string }>();

  return (
    <>
      <PageHeader title={t('admin.units.title')} intro={t('admin.units.intro')} />
      <Space direction="vertical" size="middle" className="full-width">
        <Card>
          <Form form={form} layout="inline" initialValues={{ unit }} onFinish={(v) => setParams({ unit: v.unit.trim() }, { replace: true })}>
            <Form.Item label={t('admin.units.unitCode')} name="unit" htmlFor="unit-code" rules={[{ required: true, pattern: UNIT_CODE, message: t('admin.units.unitCodeInvalid') }]}>
              <Input.Search id="unit-code" className="filter-select-wide" maxLength={64} placeholder="UBND-XA-12" enterButton={t('admin.units.open')} onSearch={() => form.submit()} />
            </Form.Item>
          </Form>
        </Card>
        {unit && UNIT_CODE.test(unit) && (
          <>
            <WorkingHoursCard key={`h-${unit}`} unitCode={unit} />
            <NetworksCard key={`n-${unit}`} unitCode={unit} />
          </>
        )}
        <UnitKindsCard />
      </Space>
    </>
  );
}
