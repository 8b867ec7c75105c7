export { AlertQueuePage } from './components/alert-queue-page';
export { AlertPage } from './components/alert-page';
export { alertTypeLabel } from './components/alert-type-label';
