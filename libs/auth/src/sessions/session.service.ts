import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { SecurityLogService } from '../security-log/security-log.service';
import { SecurityActor, SecurityEventType } from '../security-log/security-event.type';
import { publicUser, UserRepository } from '../users/user.repository';
import { User, UserCredentials } from '../users/user.type';
import { PasswordService } from '../users/password.service';
import { AccessTokenService } from './access-token.service';
import { PasswordAttemptService } from './password-attempt.service';
import { NewRefreshToken, RefreshTokenRepository } from './refresh-token.repository';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  mustChangePassword: boolean;
}

const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();
const SIGN_IN_FAILED = 'The username or password is not correct';
const SIGN_IN_LOCKED = 'Sign-in is locked after repeated failures; try again later';
const SESSION_ENDED = 'The session has ended; sign in again';

/** Sign-in, token refresh (rotating, with reuse detection), sign-out and password change. */
@Injectable()
export class SessionService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly attempts: PasswordAttemptService,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Unknown, disabled and password-less usernames go through the same claimed, counted check (against no hash):
   * the answers, the lockout and the timing are those of a real user with a wrong password.
   */
  async signIn(username: string, password: string, clientIp?: string): Promise<SessionTokens> {
    const name = username.trim().toLowerCase();
    const user = await this.users.findByUsername(name);
    const hash = user?.status === 'active' ? user.passwordHash : null;
    const check = await this.attempts.check(name, hash, password);
    if (check.outcome === 'locked') {
      await this.log(SecurityEventType.SIGN_IN_LOCKED, actorFor(user, name), name, clientIp);
      throw new DomainException(ErrorCode.UNAUTHENTICATED, SIGN_IN_LOCKED);
    }
    if (check.outcome === 'invalid' || !user) {
      await this.logFailure(user, name, clientIp, check.lockedForSeconds);
      throw new DomainException(ErrorCode.UNAUTHENTICATED, SIGN_IN_FAILED);
    }
    await this.users.recordSignIn(user.id, this.clock.now());
    await this.log(SecurityEventType.SIGN_IN_SUCCEEDED, actorFor(user, name), name, clientIp);
    return this.startSession(user);
  }

  /** Opens a session (a new refresh-token family) for a user already authenticated by some means. */
  async startSession(user: User): Promise<SessionTokens> {
    const familyId = randomUUID();
    const { token, row } = this.newRefreshToken();
    await this.refreshTokens.openSession({ id: familyId, userId: user.id }, row);
    return this.tokens(user, familyId, token);
  }

  /**
   * Rotates: the presented token is swapped for a new one in one atomic step that only one request can win.
   * Presenting a token that was already rotated is a reuse: the session ends, the winner's new tokens included.
   * A token whose session ended otherwise (sign-out, disabled user, password change, expiry) is simply refused.
   */
  async refresh(refreshToken: string, clientIp?: string): Promise<SessionTokens> {
    const presented = hashToken(refreshToken);
    const { token, row: next } = this.newRefreshToken();
    const rotated = await this.refreshTokens.rotate(presented, next);
    if (rotated) {
      const user = await this.users.findById(rotated.userId);
      if (!user) throw new DomainException(ErrorCode.UNAUTHENTICATED, SESSION_ENDED);
      return this.tokens(user, rotated.familyId, token);
    }
    const row = await this.refreshTokens.findByHash(presented);
    if (!row) throw new DomainException(ErrorCode.UNAUTHENTICATED, 'The refresh token is not valid');
    if (row.replaced_by) {
      const sessionEnded = await this.refreshTokens.revokeFamily(row.family_id, this.clock.now());
      await this.securityLog.record({
        type: SecurityEventType.REFRESH_TOKEN_REUSED,
        actor: { kind: 'anonymous' },
        target: row.user_id,
        clientIp,
        details: { session: row.family_id, sessionEnded },
      });
      throw new DomainException(
        ErrorCode.UNAUTHENTICATED,
        'The refresh token was already used; sign in again',
      );
    }
    throw new DomainException(ErrorCode.UNAUTHENTICATED, SESSION_ENDED);
  }

  /** Ends the session the access token belongs to (every refresh token of its family). */
  async signOut(userId: string, sessionId: string, clientIp?: string): Promise<void> {
    await this.refreshTokens.revokeFamily(sessionId, this.clock.now());
    const user = await this.users.findById(userId);
    if (user)
      await this.log(SecurityEventType.SIGN_OUT, actorFor(user, user.username), user.username, clientIp);
  }

  /** The current password is checked under the same lockout as sign-in, and counts towards it. */
  async changePassword(
    userId: string,
    sessionId: string,
    current: string,
    next: string,
    clientIp?: string,
  ): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new DomainException(ErrorCode.UNAUTHENTICATED, SESSION_ENDED);
    const check = await this.attempts.check(user.username, user.passwordHash, current);
    if (check.outcome === 'locked') {
      throw new DomainException(
        ErrorCode.RATE_LIMITED,
        'The password was entered wrong too often; try again later',
      );
    }
    if (check.outcome === 'invalid') {
      await this.logFailure(user, user.username, clientIp, check.lockedForSeconds, 'change-password');
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
    await this.log(
      SecurityEventType.PASSWORD_CHANGED,
      actorFor(user, user.username),
      user.username,
      clientIp,
    );
  }

  /** The signed-in user behind a valid access token whose session is still live. */
  async authenticate(accessToken: string): Promise<{ user: User; sessionId: string }> {
    const claims = this.accessTokens.verify(accessToken);
    // On every request, so that a locked user or an ended session stops at once.
    const user = await this.users.findInLiveSession(claims.sub, claims.sid, this.clock.now());
    if (!user || user.status !== 'active') {
      throw new DomainException(ErrorCode.UNAUTHENTICATED, SESSION_ENDED);
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

  private newRefreshToken(): { token: string; row: NewRefreshToken } {
    const token = randomBytes(32).toString('base64url');
    const issuedAt = this.clock.now();
    const expiresAt = new Date(issuedAt.getTime() + this.config.auth.refreshTokenTtl * 1000);
    return { token, row: { id: randomUUID(), hash: hashToken(token), issuedAt, expiresAt } };
  }

  private logFailure(
    user: UserCredentials | undefined,
    username: string,
    clientIp: string | undefined,
    lockedForSeconds: number | undefined,
    via?: 'change-password',
  ): Promise<void> {
    const details = { ...(via && { via }), ...(lockedForSeconds && { lockedForSeconds }) };
    return this.log(SecurityEventType.SIGN_IN_FAILED, actorFor(user, username), username, clientIp, details);
  }

  private log(
    type: SecurityEventType,
    actor: SecurityActor,
    target: string,
    clientIp?: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    return this.securityLog.record({ type, actor, target: target.slice(0, 64), clientIp, details });
  }
}

function actorFor(user: UserCredentials | undefined, username: string): SecurityActor {
  return user
    ? { kind: 'user', id: user.id, name: user.username }
    : { kind: 'anonymous', name: username.slice(0, 64) };
}
