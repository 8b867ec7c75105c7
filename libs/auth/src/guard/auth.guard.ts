import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainException, ErrorCode } from '@app/common';
import { ApiKeyService } from '../api-keys/api-key.service';
import { Permission, PRODUCER_KEY_PERMISSIONS, ROLE_PERMISSIONS } from '../permission';
import { Principal } from '../principal';
import { SecurityLogService } from '../security-log/security-log.service';
import { actorOf, SecurityEventType } from '../security-log/security-event.type';
import { SessionService } from '../sessions/session.service';
import {
  ANY_PERMISSION_KEY,
  AuthenticatedRequest,
  PENDING_PASSWORD_CHANGE_KEY,
  PERMISSIONS_KEY,
  PRODUCER_KEY,
  PUBLIC_KEY,
} from './auth.decorator';

type AuthRequest = Request & AuthenticatedRequest;

/** What a principal may do: the union of its roles' permissions, or the fixed set of a producer key. */
export function permissionsOf(principal: Principal): ReadonlySet<Permission> {
  if (principal.kind === 'producer') return PRODUCER_KEY_PERMISSIONS;
  return new Set(principal.roles.flatMap((role) => [...(ROLE_PERMISSIONS[role] ?? [])]));
}

/**
 * The global guard: deny by default. A route passes if it is @Public, or if the caller is authenticated (Bearer
 * access token, or X-Api-Key on @AllowProducerKey routes) and holds every permission the route requires (or one
 * of them, on @RequireAnyPermission routes).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly apiKeys: ApiKeyService,
    private readonly securityLog: SecurityLogService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<string>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(PERMISSIONS_KEY, targets);
    const allowsKey = this.reflector.getAllAndOverride<boolean>(PRODUCER_KEY, targets) ?? false;
    const pendingAllowed =
      this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_CHANGE_KEY, targets) ?? false;
    const principal = await this.authenticate(request, allowsKey, pendingAllowed);
    request.principal = principal;
    const held = permissionsOf(principal);
    const anyOf = this.reflector.getAllAndOverride<boolean>(ANY_PERMISSION_KEY, targets) ?? false;
    const missing = required && (anyOf && required.some((p) => held.has(p)) ? [] : required.filter((p) => !held.has(p)));
    if (!missing || missing.length) {
      await this.securityLog.record({
        type: SecurityEventType.PERMISSION_DENIED,
        actor: actorOf(principal),
        target: `${request.method} ${request.route?.path ?? request.path}`,
        clientIp: request.ip,
        details: { missing: missing ?? ['(route declares no permission)'] },
      });
      throw new DomainException(ErrorCode.FORBIDDEN, 'You do not have permission to do this');
    }
    return true;
  }

  private async authenticate(
    request: AuthRequest,
    allowsKey: boolean,
    pendingAllowed: boolean,
  ): Promise<Principal> {
    const authorization = request.headers.authorization;
    const apiKey = request.headers['x-api-key'];
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) {
        throw new DomainException(
          ErrorCode.UNAUTHENTICATED,
          'Send the access token as "Authorization: Bearer <token>"',
        );
      }
      const { user, sessionId } = await this.sessions.authenticate(token);
      request.sessionId = sessionId;
      if (user.mustChangePassword && !pendingAllowed) {
        throw new DomainException(
          ErrorCode.FORBIDDEN,
          'Change your password first (POST /v1/auth/change-password)',
        );
      }
      return { kind: 'user', userId: user.id, username: user.username, roles: user.roles };
    }
    if (typeof apiKey === 'string' && apiKey) {
      if (!allowsKey)
        throw new DomainException(
          ErrorCode.UNAUTHENTICATED,
          'API keys are accepted only on ingest and directory-sync routes',
        );
      return this.apiKeys.verify(apiKey);
    }
    throw new DomainException(
      ErrorCode.UNAUTHENTICATED,
      'Sign in first (Authorization: Bearer <access token>)',
    );
  }
}
