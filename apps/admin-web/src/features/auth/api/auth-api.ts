import { api } from '@/lib/api-client';
import type { SessionTokens } from '@/lib/session-store';

export type Role = 'admin' | 'reviewer' | 'auditor' | 'operator';

/** GET /v1/auth/me */
export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    email: string;
    unitCode: string | null;
    roles: Role[];
    mustChangePassword: boolean;
  };
  permissions: string[];
}

export interface OidcSettings {
  enabled: boolean;
  issuer?: string;
  clientId?: string;
}

export const authApi = {
  signIn: (username: string, password: string) =>
    api.post<SessionTokens>('/v1/auth/login', { username, password }, { auth: false }),
  oidcSignIn: (idToken: string) => api.post<SessionTokens>('/v1/auth/oidc/login', { idToken }, { auth: false }),
  oidcSettings: () => api.get<OidcSettings>('/v1/auth/oidc', { auth: false }),
  me: () => api.get<Me>('/v1/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/v1/auth/change-password', { currentPassword, newPassword }),
  signOut: () => api.post<void>('/v1/auth/logout'),
};
