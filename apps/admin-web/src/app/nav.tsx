import {
  AlertOutlined,
  ApiOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
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
  { path: '/reports', label: 'reports.menu', icon: <FileTextOutlined aria-hidden />, permission: 'reports:read' },
  { path: '/incidents', label: 'incidents.menu', icon: <WarningOutlined aria-hidden />, permission: 'incidents:read' },
  { path: '/integration', label: 'menu.integration', icon: <ApiOutlined aria-hidden />, permission: 'source-systems:read' },
  { path: '/admin', label: 'menu.admin', icon: <SettingOutlined aria-hidden />, permission: 'users:read' },
];

/** The administration's sub-pages (tabs under Quản trị), each with the permission it needs. */
export const ADMIN_NAV: NavItem[] = [
  { path: '/admin', label: 'admin.nav.users', icon: <UserOutlined aria-hidden />, permission: 'users:read' },
  { path: '/admin/security-log', label: 'admin.nav.securityLog', icon: <SafetyOutlined aria-hidden />, permission: 'security-log:read' },
  { path: '/admin/detection', label: 'admin.nav.detection', icon: <ExperimentOutlined aria-hidden />, permission: 'settings:write' },
  { path: '/admin/calendar', label: 'admin.nav.calendar', icon: <CalendarOutlined aria-hidden />, permission: 'settings:write' },
  { path: '/admin/units', label: 'admin.nav.units', icon: <ClusterOutlined aria-hidden />, permission: 'settings:write' },
];
