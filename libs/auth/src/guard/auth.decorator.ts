import { applyDecorators, createParamDecorator, ExecutionContext, Header, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { Permission } from '../permission';
import { Principal } from '../principal';

export const PERMISSIONS_KEY = 'auth:permissions';
export const PUBLIC_KEY = 'auth:public';
export const PRODUCER_KEY = 'auth:producer-key';
export const PENDING_PASSWORD_CHANGE_KEY = 'auth:pending-password-change';
export const RATE_LIMIT_KEY = 'auth:rate-limit';
export const ANY_PERMISSION_KEY = 'auth:any-permission';

/** The request's authenticated caller, set by the AuthGuard. */
export interface AuthenticatedRequest {
  principal?: Principal;
  /** The sign-in session (refresh-token family) of a Bearer token. */
  sessionId?: string;
}

/**
 * The route needs every listed permission (deny by default: a route declaring nothing is refused). Sets the
 * "any" flag too, so that a handler's declaration wholly overrides its class's.
 */
export const RequirePermission = (...permissions: Permission[]) =>
  applyDecorators(SetMetadata(PERMISSIONS_KEY, permissions), SetMetadata(ANY_PERMISSION_KEY, false), ApiBearerAuth());

/** The route needs one of the listed permissions (e.g. a producer key's, or a user's read permission). */
export const RequireAnyPermission = (...permissions: Permission[]) => {
  if (!permissions.length) throw new Error('RequireAnyPermission needs at least one permission');
  return applyDecorators(SetMetadata(PERMISSIONS_KEY, permissions), SetMetadata(ANY_PERMISSION_KEY, true), ApiBearerAuth());
};

/** The route needs no sign-in; the reason is kept for the route review (docs/permissions.md). */
export const Public = (reason: string) => SetMetadata(PUBLIC_KEY, reason);

/**
 * The route also accepts a producer API key (header X-Api-Key) of a registered source system. A key grants only
 * PRODUCER_KEY_PERMISSIONS, whatever the route; requests with such a key are rate limited per key.
 */
export const AllowProducerKey = () =>
  applyDecorators(SetMetadata(PRODUCER_KEY, true), ApiSecurity('api-key'));

/** A signed-in user who must still change a first or reset password may call this route (sign-out, me, change). */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_CHANGE_KEY, true);

/**
 * The response carries a secret (tokens, an API key, a one-time password): no browser, proxy or HTTP cache may keep
 * it. Pragma is for HTTP/1.0 caches.
 */
export const NoStore = () => applyDecorators(Header('Cache-Control', 'no-store'), Header('Pragma', 'no-cache'));

/**
 * Named rate limit applied to the route: 'sign-in' (per client address; per user on a signed-in route such as
 * change-password) or 'ingest' (per API key or user).
 */
export type RateLimitName = 'sign-in' | 'ingest';
export const RateLimit = (name: RateLimitName) => SetMetadata(RATE_LIMIT_KEY, name);

/** The authenticated caller of the current request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    return context.switchToHttp().getRequest<AuthenticatedRequest>().principal!;
  },
);

/** The sign-in session of the current Bearer token (for sign-out and password change). */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    return context.switchToHttp().getRequest<AuthenticatedRequest>().sessionId;
  },
);
