import { lazy } from 'react';
import { Navigate, RouteObject } from 'react-router';
import { NotFoundPage } from '@/components/forbidden-page';
import { ChangePasswordPage, OidcCallbackPage, RequireAuth, SignInPage, useSession } from '@/features/auth';
import { Guarded } from './guarded';
import { AdminSection } from './admin-section';
import { AppLayout } from './layout';
import { NAV } from './nav';

// Each feature is its own chunk, fetched when first opened (the charts library only with the pages that chart).
const AccountPage = lazy(() => import('@/features/accounts').then((m) => ({ default: m.AccountPage })));
const AccountsPage = lazy(() => import('@/features/accounts').then((m) => ({ default: m.AccountsPage })));
const AlertPage = lazy(() => import('@/features/alerts').then((m) => ({ default: m.AlertPage })));
const AlertQueuePage = lazy(() => import('@/features/alerts').then((m) => ({ default: m.AlertQueuePage })));
const IntegrationPage = lazy(() => import('@/features/integration').then((m) => ({ default: m.IntegrationPage })));
const UsersPage = lazy(() => import('@/features/admin').then((m) => ({ default: m.UsersPage })));
const SecurityLogPage = lazy(() => import('@/features/admin').then((m) => ({ default: m.SecurityLogPage })));
const DetectionSettingsPage = lazy(() => import('@/features/admin').then((m) => ({ default: m.DetectionSettingsPage })));
const CalendarPage = lazy(() => import('@/features/admin').then((m) => ({ default: m.CalendarPage })));
const UnitsPage = lazy(() => import('@/features/admin').then((m) => ({ default: m.UnitsPage })));
const TracePage = lazy(() => import('@/features/trace').then((m) => ({ default: m.TracePage })));
const ReportsPage = lazy(() => import('@/features/reports').then((m) => ({ default: m.ReportsPage })));
const IncidentsPage = lazy(() => import('@/features/incidents').then((m) => ({ default: m.IncidentsPage })));
const IncidentPage = lazy(() => import('@/features/incidents').then((m) => ({ default: m.IncidentPage })));
const OverviewPage = lazy(() => import('@/features/overview').then((m) => ({ default: m.OverviewPage })));

/** The start page: the first page of the menu the user may open. */
function Home() {
  const session = useSession();
  const first = NAV.find((item) => session.can(item.permission));
  return <Navigate to={first?.path ?? '/overview'} replace />;
}

function AlertRoute() {
  const session = useSession();
  const user = session.me!.user;
  return (
    <AlertPage
      me={{ id: user.id, username: user.username }}
      canTriage={session.can('alerts:triage')}
      canReadUsers={session.can('users:read')}
      canSuppress={session.can('settings:write')}
      canReadAccounts={session.can('accounts:read')}
      canOpenIncident={session.can('incidents:write')}
    />
  );
}

function OverviewRoute() {
  const session = useSession();
  return <OverviewPage canReadAccounts={session.can('accounts:read')} canReadIngest={session.can('ingest:read')} />;
}

function IntegrationRoute() {
  const session = useSession();
  return <IntegrationPage canManageKeys={session.can('api-keys:manage')} canRegister={session.can('source-systems:write')} canReadIngest={session.can('ingest:read')} />;
}

function AccountsRoute() {
  const session = useSession();
  return <AccountsPage canLock={session.can('accounts:lock')} canSync={session.can('accounts:sync')} />;
}

function TraceRoute() {
  const session = useSession();
  return <TracePage userId={session.me!.user.id} canReveal={session.can('audit:reveal')} canExport={session.can('evidence:export')} />;
}

function ReportsRoute() {
  const session = useSession();
  const canGenerate = session.can('reports:write');
  return <ReportsPage canGenerate={canGenerate} canReportAccess={canGenerate && session.can('audit:search')} />;
}

function IncidentsRoute() {
  return <IncidentsPage canWrite={useSession().can('incidents:write')} />;
}

function IncidentRoute() {
  return <IncidentPage canWrite={useSession().can('incidents:write')} />;
}

function AccountRoute() {
  return <AccountPage canLock={useSession().can('accounts:lock')} />;
}

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-in/oidc', element: <OidcCallbackPage /> },
  { path: '/change-password', element: <ChangePasswordPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'overview', element: <Guarded permission="alerts:read"><OverviewRoute /></Guarded> },
      { path: 'alerts', element: <Guarded permission="alerts:read"><AlertQueuePage /></Guarded> },
      { path: 'alerts/:id', element: <Guarded permission="alerts:read"><AlertRoute /></Guarded> },
      { path: 'accounts', element: <Guarded permission="accounts:read"><AccountsRoute /></Guarded> },
      { path: 'accounts/:id', element: <Guarded permission="accounts:read"><AccountRoute /></Guarded> },
      { path: 'trace', element: <Guarded permission="audit:search"><TraceRoute /></Guarded> },
      { path: 'reports', element: <Guarded permission="reports:read"><ReportsRoute /></Guarded> },
      { path: 'incidents', element: <Guarded permission="incidents:read"><IncidentsRoute /></Guarded> },
      { path: 'incidents/:id', element: <Guarded permission="incidents:read"><IncidentRoute /></Guarded> },
      { path: 'integration', element: <Guarded permission="source-systems:read"><IntegrationRoute /></Guarded> },
      {
        path: 'admin',
        element: <AdminSection />,
        children: [
          { index: true, element: <Guarded permission="users:read"><UsersPage /></Guarded> },
          { path: 'security-log', element: <Guarded permission="security-log:read"><SecurityLogPage /></Guarded> },
          { path: 'detection', element: <Guarded permission="settings:write"><DetectionSettingsPage /></Guarded> },
          { path: 'calendar', element: <Guarded permission="settings:write"><CalendarPage /></Guarded> },
          { path: 'units', element: <Guarded permission="settings:write"><UnitsPage /></Guarded> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
