import { sessionStore, SessionTokens } from './session-store';

/** A field the server refused, as the API's error body names it. */
export interface FieldError {
  field: string;
  message: string;
}

/** Every failed call: the HTTP status (0 when the server was not reached), the API's code, message and fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
  }
}

/** A 401 that ended the session: the sign-in page says so; nothing else needs to. */
export const endedSession = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

/**
 * Refresh this long before the access token expires, so that a request never leaves with a dying token (a third
 * of its lifetime when that is shorter).
 */
const REFRESH_MARGIN_MS = 30_000;
const marginOf = (lifetimeMs: number) => Math.min(REFRESH_MARGIN_MS, (lifetimeMs || 0) / 3);

let refreshing: Promise<boolean> | null = null;

/**
 * One refresh at a time: the refresh token is valid once, so two concurrent refreshes would spend it twice and
 * the second would be refused (and taken for a stolen token).
 */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const current = sessionStore.get();
    if (!current) return false;
    try {
      const res = await fetch('/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
      if (!res.ok) return false;
      sessionStore.save((await res.json()) as SessionTokens);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: FieldError[] } };
    return new ApiError(res.status, body.error?.code ?? `HTTP_${res.status}`, body.error?.message ?? res.statusText, body.error?.details ?? []);
  } catch {
    return new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  }
}

async function send(method: string, path: string, body: unknown, auth: boolean, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
  const session = auth ? sessionStore.get() : null;
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  try {
    const payload = body === undefined ? undefined : contentType ? String(body) : JSON.stringify(body);
    return await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
}

export interface RequestOptions {
  /** false: a public call (sign-in, refresh, identity-provider settings); no token, no refresh. */
  auth?: boolean;
  /** The body is text of this type (a file's content: NDJSON, CSV), sent as it is rather than as JSON. */
  contentType?: string;
}

/**
 * Calls the API. A signed-in call refreshes the access token silently (before it expires, and once more if the
 * server answers 401); when the session cannot be renewed it ends as 'expired', which sends the user to sign in
 * and back to the same page.
 */
export async function apiRequest<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const res = await authorizedSend(method, path, body, options.auth ?? true, options.contentType);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A file from the API (an evidence export): its bytes and the response's headers (the export's id). */
export async function apiDownload(method: string, path: string, body?: unknown): Promise<{ blob: Blob; headers: Headers }> {
  const res = await authorizedSend(method, path, body, true);
  return { blob: await res.blob(), headers: res.headers };
}

async function authorizedSend(method: string, path: string, body: unknown, auth: boolean, contentType?: string): Promise<Response> {
  if (auth) {
    const session = sessionStore.get();
    if (session && session.expiresAt - Date.now() < marginOf(session.lifetimeMs)) await refreshSession();
  }
  let res = await send(method, path, body, auth, contentType);
  if (res.status === 401 && auth && sessionStore.get()) {
    res = (await refreshSession()) ? await send(method, path, body, auth, contentType) : res;
    if (res.status === 401) sessionStore.end('expired');
  }
  if (!res.ok) throw await toError(res);
  return res;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => apiRequest<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PATCH', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, undefined, options),
};

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
