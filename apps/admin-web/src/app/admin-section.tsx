import { Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '@/i18n';
import { useSession } from '@/features/auth';
import { ADMIN_NAV } from './nav';

/** Quản trị: the sub-pages the user's permissions open, as tabs above the page (each page is guarded on its own). */
export function AdminSection() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = ADMIN_NAV.filter((i) => session.can(i.permission));
  const selected = [...items].reverse().find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
  return (
    <>
      {items.length > 0 && (
        <nav aria-label={t('admin.nav.label')} className="admin-tabs">
          <Menu
            mode="horizontal"
            selectedKeys={selected ? [selected.path] : []}
            items={items.map((i) => ({ key: i.path, icon: i.icon, label: t(i.label) }))}
            onClick={({ key }) => navigate(key)}
            data-testid="admin-menu"
          />
        </nav>
      )}
      <Outlet />
    </>
  );
}
