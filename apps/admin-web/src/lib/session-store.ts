import type { components } from './api-types';

/**
 * The tokens of this tab's session, kept in sessionStorage: they survive a reload, end with the tab, and are never
 * shared with other tabs (each tab rotates its own refresh token).
 */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** How long the access token was given for (AUTH_ACCESS_TOKEN_TTL), in ms. */
  lifetimeMs: number;
}

/** POST /v1/auth/login, /refresh, /oidc/login */
export type SessionTokens = components['schemas']['SessionTokensDto'];

const KEY = 'tthc.console.session';
type Listener = (reason: 'expired' | 'signed-out' | 'signed-in') => void;
const listeners = new Set<Listener>();

export const sessionStore = {
  get(): StoredSession | null {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as StoredSession;
    } catch {
      return null;
    }
  },
  save(tokens: SessionTokens): void {
    const stored: StoredSession = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: Date.now() + tokens.expiresIn * 1000,
      lifetimeMs: tokens.expiresIn * 1000,
    };
    sessionStorage.setItem(KEY, JSON.stringify(stored));
  },
  /** Signs this tab in with new tokens and tells the app. */
  start(tokens: SessionTokens): void {
    this.save(tokens);
    listeners.forEach((l) => l('signed-in'));
  },
  /** Forgets the tokens; 'expired' sends the user to sign in and back to the same page. */
  end(reason: 'expired' | 'signed-out'): void {
    const had = sessionStorage.getItem(KEY) !== null;
    sessionStorage.removeItem(KEY);
    if (had) listeners.forEach((l) => l(reason));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
