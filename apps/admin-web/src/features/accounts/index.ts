export { AccountsPage } from './components/accounts-page';
export { AccountPage } from './components/account-page';
