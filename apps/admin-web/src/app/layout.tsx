import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '@/i18n';
import { LanguageSwitch } from '@/components/language-switch';
import { PageLoading } from '@/components/query-state';
import { useSession } from '@/features/auth';
import { NAV } from './nav';

/** The frame of every signed-in page: the menu of the pages the user's roles may open, the user, the language. */
export function AppLayout() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = NAV.filter((item) => session.can(item.permission));
  const selected = items.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
  const user = session.me?.user;

  return (
    <Layout className="app-shell">
      <a href="#main" className="skip-link">
        {t('layout.skipToContent')}
      </a>
      <Layout.Sider width={220} breakpoint="lg" collapsedWidth={64} theme="light" className="app-sider">
        <div className="brand">
          <span className="brand-office">{t('app.office')}</span>
          <span className="brand-title">{t('app.title')}</span>
        </div>
        <nav aria-label={t('menu.label')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected.path] : []}
            items={items.map((i) => ({ key: i.path, icon: i.icon, label: t(i.label) }))}
            onClick={({ key }) => navigate(key)}
            data-testid="main-menu"
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Space size="middle" wrap>
            <LanguageSwitch />
            {user && (
              <Tooltip title={t('layout.roles', { roles: user.roles.map((r) => t(`role.${r}`)).join(', ') })}>
                <Typography.Text data-testid="current-user">
                  <UserOutlined aria-hidden /> {user.displayName || user.username}
                </Typography.Text>
              </Tooltip>
            )}
            <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void session.signOut()}>
              {t('layout.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="app-content">
          <main>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
