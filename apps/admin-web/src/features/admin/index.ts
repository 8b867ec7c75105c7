export { UsersPage } from './components/users-page';
export { SecurityLogPage } from './components/security-log-page';
export { DetectionSettingsPage } from './components/detection-settings-page';
export { CalendarPage } from './components/calendar-page';
export { UnitsPage } from './components/units-page';
