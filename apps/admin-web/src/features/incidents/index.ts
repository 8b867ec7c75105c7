export { IncidentsPage } from './components/incidents-page';
export { IncidentPage } from './components/incident-page';
