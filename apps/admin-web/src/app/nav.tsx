import { AlertOutlined, ApiOutlined, DashboardOutlined, FileSearchOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { ReactNode } from 'react';
import type { MessageKey } from '@/i18n';
import type { Permission } from '@/features/auth';

/** The console's pages and the permission (from GET /v1/auth/me) each needs; the server still checks every call. */
export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission: Permission;
}

export const NAV: NavItem[] = [
  { path: '/overview', label: 'menu.overview', icon: <DashboardOutlined aria-hidden />, permission: 'alerts:read' },
  { path: '/alerts', label: 'menu.alerts', icon: <AlertOutlined aria-hidden />, permission: 'alerts:read' },
  { path: '/accounts', label: 'menu.accounts', icon: <TeamOutlined aria-hidden />, permission: 'accounts:read' },
  { path: '/trace', label: 'trace.menu', icon: <FileSearchOutlined aria-hidden />, permission: 'audit:search' },
  { path: '/integration', label: 'menu.integration', icon: <ApiOutlined aria-hidden />, permission: 'source-systems:read' },
  { path: '/admin', label: 'menu.admin', icon: <SettingOutlined aria-hidden />, permission: 'users:read' },
];
