import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';

export const TOKEN_ISSUER = 'tthc-audit';
export const TOKEN_AUDIENCE = 'tthc-audit-api';

/** What an access token says: the user and the sign-in session (refresh-token family) it belongs to. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

/** Short-lived HS256 access tokens; times come from the injected clock so expiry is testable. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.auth.accessTokenTtl;
  }

  issue(claims: AccessTokenClaims): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return this.jwt.sign(
      { sub: claims.sub, sid: claims.sid, typ: 'access', iat },
      {
        expiresIn: this.ttlSeconds,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        jwtid: randomUUID(),
        algorithm: 'HS256',
      },
    );
  }

  /** The claims of a valid token; UNAUTHENTICATED for an expired, tampered or foreign one. */
  verify(token: string): AccessTokenClaims {
    try {
      const payload = this.jwt.verify<AccessTokenClaims & { typ?: string }>(token, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string')
        throw new Error('claims');
      return { sub: payload.sub, sid: payload.sid };
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new DomainException(
        ErrorCode.UNAUTHENTICATED,
        expired ? 'The access token has expired' : 'The access token is not valid',
      );
    }
  }
}
