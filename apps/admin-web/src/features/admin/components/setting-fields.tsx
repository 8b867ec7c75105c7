import { Form, InputNumber, Select, Switch } from 'antd';
import { useI18n } from '@/i18n';

/** A parameter of a section: its key path under the section and the value in force and in the file. */
export interface SettingLeaf {
  path: string[];
  value: unknown;
  fileValue: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The section's parameters, nested groups flattened to key paths; the file's "$" notes are not parameters. */
export function settingLeaves(value: unknown, fileValue: unknown, prefix: string[] = []): SettingLeaf[] {
  if (!isObject(value)) return [];
  return Object.entries(value)
    .filter(([k]) => !k.startsWith('$'))
    .flatMap(([k, v]) => {
      const file = isObject(fileValue) ? fileValue[k] : undefined;
      return isObject(v) ? settingLeaves(v, file, [...prefix, k]) : [{ path: [...prefix, k], value: v, fileValue: file }];
    });
}

/** One input per parameter, named ['value', ...path] so that the form's value is the section's object. */
export function SettingFields({ section, leaves }: { section: string; leaves: SettingLeaf[] }) {
  const { t, n } = useI18n();
  return (
    <div className="setting-grid">
      {leaves.map((leaf) => {
        const id = `setting-${section}-${leaf.path.join('-')}`;
        const name = ['value', ...leaf.path];
        const fileText = Array.isArray(leaf.fileValue) ? leaf.fileValue.join(', ') || t('state.none') : typeof leaf.fileValue === 'number' ? n(leaf.fileValue) : String(leaf.fileValue ?? t('state.none'));
        const extra = t('admin.detection.fileValue', { value: fileText });
        const label = <code>{leaf.path.join('.')}</code>;
        if (typeof leaf.value === 'number') {
          return (
            <Form.Item key={id} label={label} name={name} htmlFor={id} extra={extra} rules={[{ required: true, type: 'number', min: 0, message: t('admin.detection.numberRequired') }]}>
              <InputNumber id={id} min={0} step="any" className="full-width" />
            </Form.Item>
          );
        }
        if (typeof leaf.value === 'boolean') {
          return (
            <Form.Item key={id} label={label} name={name} htmlFor={id} extra={extra} valuePropName="checked">
              <Switch id={id} />
            </Form.Item>
          );
        }
        if (Array.isArray(leaf.value)) {
          return (
            <Form.Item key={id} label={label} name={name} htmlFor={id} extra={extra}>
              <Select id={id} mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
            </Form.Item>
          );
        }
        return null;
      })}
    </div>
  );
}
