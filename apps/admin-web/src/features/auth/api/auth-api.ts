import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-types';
import type { SessionTokens } from '@/lib/session-store';

type Schemas = components['schemas'];

/** GET /v1/auth/me: the user and the permissions the server grants (types from the OpenAPI document). */
export type Me = Schemas['MeDto'];
export type Role = Schemas['UserDto']['roles'][number];
export type Permission = Me['permissions'][number];
export type OidcSettings = Schemas['OidcSettingsDto'];

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
