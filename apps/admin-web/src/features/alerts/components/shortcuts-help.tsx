import { Modal, Typography } from 'antd';
import { useI18n, MessageKey } from '@/i18n';

/** The triage loop's keys, the same list the hooks bind (QUEUE_KEYS, ALERT_KEYS). */
export const QUEUE_KEYS: [string, MessageKey][] = [
  ['j', 'shortcuts.queueDown'],
  ['k', 'shortcuts.queueUp'],
  ['Enter', 'shortcuts.queueOpen'],
];
export const ALERT_KEYS: [string, MessageKey][] = [
  ['a', 'shortcuts.acknowledge'],
  ['c', 'shortcuts.comment'],
  ['t', 'shortcuts.truePositive'],
  ['f', 'shortcuts.falsePositive'],
  ['e', 'shortcuts.expected'],
  ['u', 'shortcuts.back'],
];
const HELP_KEY: [string, MessageKey] = ['?', 'shortcuts.help'];

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const rows = (keys: [string, MessageKey][]) =>
    keys.map(([key, label]) => (
      <tr key={key}>
        <td>
          <kbd>{key}</kbd>
        </td>
        <td>{t(label)}</td>
      </tr>
    ));
  return (
    <Modal open={open} onCancel={onClose} onOk={onClose} title={t('shortcuts.title')} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('shortcuts.intro')}</Typography.Paragraph>
      <table className="shortcut-table">
        <caption className="visually-hidden">{t('shortcuts.title')}</caption>
        <tbody>
          {rows(QUEUE_KEYS)}
          {rows(ALERT_KEYS)}
          {rows([HELP_KEY])}
        </tbody>
      </table>
    </Modal>
  );
}
