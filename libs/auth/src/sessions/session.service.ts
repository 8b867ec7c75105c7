import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { SecurityLogService } from '../security-log/security-log.service';
import { SecurityEventType } from '../security-log/security-event.type';
import { publicUser, UserRepository } from '../users/user.repository';
import { User, UserCredentials } from '../users/user.type';
import { PasswordService } from '../users/password.service';
import { AccessTokenService } from './access-token.service';
import { RefreshTokenRepository } from './refresh-token.repository';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  mustChangePassword: boolean;
}

const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();
const SIGN_IN_FAILED = 'The username or password is not correct';

/** Sign-in, token refresh (rotating, with reuse detection), sign-out and password change. */
@Injectable()
export class SessionService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async signIn(username: string, password: string, clientIp?: string): Promise<SessionTokens> {
    const user = await this.users.findByUsername(username.trim().toLowerCase());
    const now = this.clock.now();
    if (user?.lockedUntil && user.lockedUntil > now) {
      await this.log(SecurityEventType.SIGN_IN_LOCKED, user, clientIp);
      throw new DomainException(
        ErrorCode.UNAUTHENTICATED,
        'Sign-in is locked after repeated failures; try again later',
      );
    }
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || user.status !== 'active') {
      await this.recordFailure(user, username, clientIp);
      throw new DomainException(ErrorCode.UNAUTHENTICATED, SIGN_IN_FAILED);
    }
    await this.users.recordSignIn(user.id, now);
    await this.log(SecurityEventType.SIGN_IN_SUCCEEDED, user, clientIp);
    return this.startSession(user);
  }

  /** Opens a session (a new refresh-token family) for a user already authenticated by some means. */
  async startSession(user: User): Promise<SessionTokens> {
    const familyId = randomUUID();
    const { token } = await this.issueRefreshToken(user.id, familyId);
    return this.tokens(user, familyId, token);
  }

  /** Rotates: the presented token is revoked and a new one issued; presenting a revoked one ends the session. */
  async refresh(refreshToken: string, clientIp?: string): Promise<SessionTokens> {
    const now = this.clock.now();
    const row = await this.refreshTokens.findByHash(hashToken(refreshToken));
    if (!row) throw new DomainException(ErrorCode.UNAUTHENTICATED, 'The refresh token is not valid');
    if (row.revoked_at || !(await this.refreshTokens.revokeIfActive(row.id, now))) {
      await this.refreshTokens.revokeFamily(row.family_id, now);
      await this.securityLog.record({
        type: SecurityEventType.REFRESH_TOKEN_REUSED,
        actor: { kind: 'anonymous' },
        target: row.user_id,
        clientIp,
        details: { session: row.family_id },
      });
      throw new DomainException(
        ErrorCode.UNAUTHENTICATED,
        'The refresh token was already used; sign in again',
      );
    }
    const user = await this.users.findById(row.user_id);
    if (row.expires_at <= now || !user || user.status !== 'active') {
      throw new DomainException(ErrorCode.UNAUTHENTICATED, 'The session has ended; sign in again');
    }
    const next = await this.issueRefreshToken(user.id, row.family_id);
    await this.refreshTokens.linkReplacement(row.id, next.id);
    return this.tokens(user, row.family_id, next.token);
  }

  /** Ends the session the access token belongs to (every refresh token of its family). */
  async signOut(userId: string, sessionId: string, clientIp?: string): Promise<void> {
    await this.refreshTokens.revokeFamily(sessionId, this.clock.now());
    const user = await this.users.findById(userId);
    if (user) await this.log(SecurityEventType.SIGN_OUT, user, clientIp);
  }

  async changePassword(
    userId: string,
    sessionId: string,
    current: string,
    next: string,
    clientIp?: string,
  ): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || !(await this.passwords.verify(user.passwordHash, current))) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The current password is not correct', [
        { field: 'currentPassword', message: 'is not correct' },
      ]);
    }
    this.passwords.assertAcceptable(next, user.username, 'newPassword');
    if (current === next) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'The new password must differ from the current one',
        [{ field: 'newPassword', message: 'must differ from the current password' }],
      );
    }
    const now = this.clock.now();
    await this.users.setPassword(user.id, await this.passwords.hash(next), false, now);
    // Other sessions may have been opened by whoever knew the old password.
    await this.refreshTokens.revokeAllOfUser(user.id, now, sessionId);
    await this.log(SecurityEventType.PASSWORD_CHANGED, user, clientIp);
  }

  /** The signed-in user behind a valid access token whose session is still live. */
  async authenticate(accessToken: string): Promise<{ user: User; sessionId: string }> {
    const claims = this.accessTokens.verify(accessToken);
    const user = await this.users.findById(claims.sub);
    if (
      !user ||
      user.status !== 'active' ||
      !(await this.refreshTokens.isFamilyLive(claims.sid, this.clock.now()))
    ) {
      throw new DomainException(ErrorCode.UNAUTHENTICATED, 'The session has ended; sign in again');
    }
    return { user: publicUser(user), sessionId: claims.sid };
  }

  private tokens(user: User, familyId: string, refreshToken: string): SessionTokens {
    return {
      accessToken: this.accessTokens.issue({ sub: user.id, sid: familyId }),
      refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
      mustChangePassword: user.mustChangePassword,
    };
  }

  private async issueRefreshToken(userId: string, familyId: string): Promise<{ token: string; id: string }> {
    const token = randomBytes(32).toString('base64url');
    const issuedAt = this.clock.now();
    const expiresAt = new Date(issuedAt.getTime() + this.config.auth.refreshTokenTtl * 1000);
    const id = await this.refreshTokens.insert({
      userId,
      familyId,
      hash: hashToken(token),
      issuedAt,
      expiresAt,
    });
    return { token, id };
  }

  private async recordFailure(
    user: UserCredentials | undefined,
    username: string,
    clientIp?: string,
  ): Promise<void> {
    const { threshold, duration } = this.config.auth.lockout;
    let locked = false;
    if (user) {
      const lockUntil = new Date(this.clock.now().getTime() + duration * 1000);
      locked =
        (await this.users.recordFailure(user.id, threshold, lockUntil)).lockedUntil?.getTime() ===
        lockUntil.getTime();
    }
    await this.securityLog.record({
      type: SecurityEventType.SIGN_IN_FAILED,
      actor: user
        ? { kind: 'user', id: user.id, name: user.username }
        : { kind: 'anonymous', name: username.slice(0, 64) },
      target: user?.username ?? username.slice(0, 64),
      clientIp,
      details: locked ? { lockedForSeconds: duration } : {},
    });
  }

  private log(type: SecurityEventType, user: UserCredentials, clientIp?: string): Promise<void> {
    return this.securityLog.record({
      type,
      actor: { kind: 'user', id: user.id, name: user.username },
      target: user.username,
      clientIp,
    });
  }
}
