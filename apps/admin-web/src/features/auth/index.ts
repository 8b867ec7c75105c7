export { SessionProvider, useSession } from './hooks/session-provider';
export { RequireAuth } from './components/require-auth';
export { SignInPage } from './components/sign-in-page';
export { ChangePasswordPage } from './components/change-password-page';
export { OidcCallbackPage } from './components/oidc-callback-page';
export type { Me, Permission, Role } from './api/auth-api';
