export { IntegrationPage } from './components/integration-page';
