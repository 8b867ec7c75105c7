import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '@/i18n';
import { PageHeader } from '@/components/page-header';
import { AccountList } from './account-list';
import { DryRuns } from './dry-runs';
import { UpcomingLocks } from './upcoming-locks';

const TABS = ['list', 'upcoming', 'dry-run'] as const;
type Tab = (typeof TABS)[number];

interface Props {
  /** Runs the idle-lock dry run (accounts:lock). */
  canLock: boolean;
  /** Runs the directory sync's dry run (accounts:sync). */
  canSync: boolean;
}

/** Tài khoản: the list, the accounts about to be locked with their warnings, and the dry runs; the tab is in the address. */
export function AccountsPage({ canLock, canSync }: Props) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const dryRuns = canLock || canSync;
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) && (asked !== 'dry-run' || dryRuns) ? asked : 'list';
  const open = (next: string) => setParams(next === 'list' ? new URLSearchParams() : new URLSearchParams({ tab: next }), { replace: true });

  return (
    <div className="full-width">
      <PageHeader title={t('accounts.title')} intro={t('accounts.intro')} />
      <Tabs
        activeKey={tab}
        onChange={open}
        aria-label={t('accounts.tabs')}
        destroyOnHidden
        items={[
          { key: 'list', label: t('accounts.tab.list'), children: <AccountList /> },
          { key: 'upcoming', label: t('accounts.tab.upcoming'), children: <UpcomingLocks /> },
          ...(dryRuns ? [{ key: 'dry-run', label: t('accounts.tab.dryRun'), children: <DryRuns canLock={canLock} canSync={canSync} /> }] : []),
        ]}
      />
    </div>
  );
}
