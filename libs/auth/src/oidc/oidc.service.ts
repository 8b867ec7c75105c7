import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { SecurityLogService } from '../security-log/security-log.service';
import { SecurityEventType } from '../security-log/security-event.type';
import { SessionService, SessionTokens } from '../sessions/session.service';
import { UserRepository } from '../users/user.repository';

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Sign-in through an external OpenID Connect provider (e.g. Keycloak). The console runs the authorization-code
 * flow (with PKCE) at the provider and hands the ID token here; it is verified against the provider's published
 * keys (JWKS), issuer and audience. The person must exist here as an active user (matched by username): roles are
 * granted in this service, never taken from the provider.
 */
@Injectable()
export class OidcService {
  private jwks?: Promise<JWTVerifyGetKey>;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** What the console needs to start the flow; enabled=false when no provider is configured. */
  settings(): { enabled: boolean; issuer?: string; clientId?: string } {
    const oidc = this.config.auth.oidc;
    return oidc ? { enabled: true, issuer: oidc.issuer, clientId: oidc.clientId } : { enabled: false };
  }

  async signIn(idToken: string, clientIp?: string): Promise<SessionTokens> {
    const oidc = this.config.auth.oidc;
    if (!oidc)
      throw new DomainException(ErrorCode.NOT_FOUND, 'Sign-in with an identity provider is not configured');
    const claims = await this.verify(idToken, oidc);
    const value = claims[oidc.usernameClaim];
    const username = typeof value === 'string' ? value.trim().toLowerCase() : '';
    const user = username ? await this.users.findByUsername(username) : undefined;
    if (!user || user.status !== 'active') {
      await this.securityLog.record({
        type: SecurityEventType.SIGN_IN_FAILED,
        actor: { kind: 'anonymous', name: username.slice(0, 64) || undefined },
        target: username.slice(0, 64) || undefined,
        clientIp,
        details: { via: 'oidc', reason: user ? 'disabled' : 'no such user' },
      });
      throw new DomainException(
        ErrorCode.FORBIDDEN,
        'This identity is not registered as an active user of the audit service',
      );
    }
    await this.users.recordSignIn(user.id, this.clock.now());
    await this.securityLog.record({
      type: SecurityEventType.SIGN_IN_SUCCEEDED,
      actor: { kind: 'user', id: user.id, name: user.username },
      target: user.username,
      clientIp,
      details: { via: 'oidc' },
    });
    return this.sessions.startSession({ ...user, mustChangePassword: false });
  }

  private async verify(idToken: string, oidc: NonNullable<AppConfig['auth']['oidc']>): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(idToken, await this.keys(oidc), {
        issuer: oidc.issuer,
        audience: oidc.clientId,
        algorithms: ASYMMETRIC,
        currentDate: this.clock.now(),
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        const expired = error instanceof errors.JWTExpired;
        throw new DomainException(
          ErrorCode.UNAUTHENTICATED,
          expired ? 'The ID token has expired' : 'The ID token is not valid',
        );
      }
      throw new DomainException(ErrorCode.UNAVAILABLE, 'The identity provider could not be reached');
    }
  }

  private keys(oidc: NonNullable<AppConfig['auth']['oidc']>): Promise<JWTVerifyGetKey> {
    this.jwks ??= (async () => {
      let url = oidc.jwksUrl;
      if (!url) {
        const res = await fetch(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
        if (!res.ok) throw new Error(`discovery answered ${res.status}`);
        url = ((await res.json()) as { jwks_uri: string }).jwks_uri;
      }
      return createRemoteJWKSet(new URL(url));
    })().catch((error) => {
      this.jwks = undefined;
      throw error;
    });
    return this.jwks;
  }
}
