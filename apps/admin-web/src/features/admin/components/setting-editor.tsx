import { EyeOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, message, Popconfirm, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '@/i18n';
import { ApiError, endedSession } from '@/lib/api-client';
import { describeError } from '@/components/query-state';
import { DetectionSetting, SettingsPreview, usePreviewSetting, useSaveSetting } from '../api/detection-settings-api';
import { PreviewResult } from './preview-result';
import { SettingFields, settingLeaves } from './setting-fields';

interface Values {
  value: Record<string, unknown>;
  days: number;
  reason: string;
}

const MIN_REASON = 5;

/**
 * One detector's parameters: edit, preview what the change would have raised or dropped, save with a reason, or go
 * back to the file's values. The server's refusals stand beside the parameter they name ("volume.ownBaseline.k").
 */
export function SettingEditor({ setting }: { setting: DetectionSetting }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const leaves = useMemo(() => settingLeaves(setting.value, setting.fileValue), [setting]);
  const preview = usePreviewSetting(setting.section);
  const save = useSaveSetting(setting.section);
  const [result, setResult] = useState<SettingsPreview>();
  const [unplaced, setUnplaced] = useState<string[]>([]);

  /** The server's problems by field: a parameter's path, `reason` or `days`; what names no field is listed above. */
  const fail = (e: unknown) => {
    if (endedSession(e)) return;
    if (!(e instanceof ApiError) || !e.details.length) return void message.error(describeError(t, e));
    const rest: string[] = [];
    const fields = e.details.flatMap((d) => {
      const path = d.field.startsWith(`${setting.section}.`) ? d.field.slice(setting.section.length + 1).split('.') : null;
      if (path && leaves.some((l) => l.path.join('.') === path.join('.'))) return [{ name: ['value', ...path], errors: [d.message] }];
      if (d.field === 'reason' || d.field === 'days') return [{ name: [d.field], errors: [d.message] }];
      rest.push(d.message);
      return [];
    });
    form.setFields(fields as never);
    setUnplaced(rest);
  };

  const runPreview = async () => {
    setUnplaced([]);
    try {
      const v = await form.validateFields([...leaves.map((l) => ['value', ...l.path]), 'days']);
      setResult(await preview.mutateAsync({ value: v.value, days: v.days }));
    } catch (e) {
      if (!(e as { errorFields?: unknown }).errorFields) fail(e);
    }
  };

  const store = async (reset: boolean) => {
    setUnplaced([]);
    try {
      const v = reset ? await form.validateFields(['reason']) : await form.validateFields();
      await save.mutateAsync({ value: reset ? null : v.value, reason: v.reason.trim() });
      void message.success(t(reset ? 'admin.detection.resetDone' : 'admin.detection.saved'));
      setResult(undefined);
    } catch (e) {
      if (!(e as { errorFields?: unknown }).errorFields) fail(e);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ value: setting.value as Record<string, unknown>, days: 30, reason: '' }} data-testid={`setting-editor-${setting.section}`}>
      {unplaced.length > 0 && <Alert type="error" showIcon role="alert" className="bottom-gap" message={unplaced.join(' · ')} />}
      <SettingFields section={setting.section} leaves={leaves} />
      <Space align="end" wrap className="top-gap">
        <Form.Item label={t('admin.detection.days')} name="days" htmlFor={`days-${setting.section}`} rules={[{ required: true, type: 'integer', min: 1, max: 120, message: t('admin.detection.daysInvalid') }]} className="no-margin">
          <InputNumber id={`days-${setting.section}`} min={1} max={120} precision={0} />
        </Form.Item>
        <Button icon={<EyeOutlined aria-hidden />} onClick={() => void runPreview()} loading={preview.isPending}>
          {t('admin.detection.preview')}
        </Button>
      </Space>
      {result && <PreviewResult preview={result} />}
      <Form.Item
        className="top-gap"
        label={t('admin.detection.reason')}
        name="reason"
        htmlFor={`reason-${setting.section}`}
        extra={t('admin.detection.reasonHint')}
        rules={[{ required: true, whitespace: true, min: MIN_REASON, message: t('admin.detection.reasonRequired', { n: MIN_REASON }) }]}
      >
        <Input.TextArea id={`reason-${setting.section}`} rows={2} maxLength={500} showCount />
      </Form.Item>
      <Space wrap>
        <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={() => void store(false)} loading={save.isPending && save.variables?.value !== null}>
          {t('admin.detection.save')}
        </Button>
        {setting.source === 'saved' && (
          <Popconfirm title={t('admin.detection.resetConfirm')} okText={t('admin.detection.reset')} cancelText={t('triage.cancel')} onConfirm={() => void store(true)}>
            <Button icon={<RollbackOutlined aria-hidden />} loading={save.isPending && save.variables?.value === null}>
              {t('admin.detection.reset')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Form>
  );
}
