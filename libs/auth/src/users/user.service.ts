import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { Role } from '../permission';
import { Principal } from '../principal';
import { PasswordAttemptRepository } from '../sessions/password-attempt.repository';
import { RefreshTokenRepository } from '../sessions/refresh-token.repository';
import { SecurityLogService } from '../security-log/security-log.service';
import { actorOf, SecurityActor, SecurityEventType } from '../security-log/security-event.type';
import { PasswordService } from './password.service';
import { publicUser, UserRepository } from './user.repository';
import { User, UserChanges, UserStatus } from './user.type';

export interface CreateUserInput {
  username: string;
  displayName: string;
  email: string;
  unitCode?: string | null;
  roles: Role[];
  /**
   * Unset: a one-time password is generated (and returned once); the user must change it at first sign-in.
   * null: no local password (the user signs in through the identity provider only).
   */
  password?: string | null;
  /** Default true: whoever set the password is not its owner. */
  mustChangePassword?: boolean;
}

/** Who acts: a signed-in admin, or an operation run beside the service (CLI, first start). */
export type Actor = Principal | { kind: 'system'; name: string };

const actor = (by: Actor): SecurityActor => (by.kind === 'system' ? by : actorOf(by));

/** A one-time password: 18 random bytes, base64url (24 characters). */
export const oneTimePassword = (): string => randomBytes(18).toString('base64url');

/** Users of the console and API, managed by admins; every change goes to the security log. */
@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly attempts: PasswordAttemptRepository,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateUserInput, by: Actor): Promise<{ user: User; oneTimePassword?: string }> {
    const username = input.username.trim().toLowerCase();
    const clash = await this.users.existsWithUsernameOrEmail(username, input.email);
    if (clash)
      throw new DomainException(ErrorCode.CONFLICT, `A user with this ${clash} already exists`, [
        { field: clash, message: 'is taken' },
      ]);
    const generated = input.password === undefined ? oneTimePassword() : undefined;
    const password = input.password === undefined ? generated! : input.password;
    if (password !== null && !generated) this.passwords.assertAcceptable(password, username);
    const created = await this.users.insert(
      {
        username,
        displayName: input.displayName,
        email: input.email,
        unitCode: input.unitCode,
        roles: [...new Set(input.roles)],
        passwordHash: password === null ? null : await this.passwords.hash(password),
        mustChangePassword: password !== null && (input.mustChangePassword ?? true),
      },
      this.clock.now(),
    );
    // Failures counted against the name before it existed were guesses at no password; the new one starts clean.
    await this.attempts.forget(username);
    await this.log(SecurityEventType.USER_CREATED, by, created.username, { roles: created.roles });
    return { user: publicUser(created), oneTimePassword: generated };
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainException(ErrorCode.NOT_FOUND, 'No user with this id');
    return publicUser(user);
  }

  async getByUsername(username: string): Promise<User> {
    const user = await this.users.findByUsername(username.trim().toLowerCase());
    if (!user) throw new DomainException(ErrorCode.NOT_FOUND, `No user "${username}"`);
    return publicUser(user);
  }

  async list(filter: { role?: Role; status?: UserStatus; limit: number; offset: number }): Promise<User[]> {
    return (await this.users.list(filter)).map(publicUser);
  }

  /** Roles and status changes are logged as such; disabling a user ends their sessions at once. */
  async update(id: string, changes: UserChanges, by: Actor): Promise<User> {
    const before = await this.get(id);
    if (
      by.kind === 'user' &&
      by.userId === id &&
      (changes.status === 'disabled' || (changes.roles && !changes.roles.includes(Role.ADMIN)))
    ) {
      throw new DomainException(
        ErrorCode.CONFLICT,
        'Admins cannot disable themselves or take away their own admin role',
      );
    }
    if (changes.email && changes.email.toLowerCase() !== before.email.toLowerCase()) {
      if (await this.users.existsWithUsernameOrEmail('', changes.email)) {
        throw new DomainException(ErrorCode.CONFLICT, 'A user with this email already exists', [
          { field: 'email', message: 'is taken' },
        ]);
      }
    }
    const now = this.clock.now();
    const roles = changes.roles && [...new Set(changes.roles)];
    const after = publicUser((await this.users.update(id, { ...changes, roles }, now))!);
    if (changes.status === 'disabled') await this.refreshTokens.revokeAllOfUser(id, now);
    await this.logChanges(before, after, by);
    return after;
  }

  /**
   * Sets a new one-time password (returned once) that the user must change at next sign-in; ends their sessions and
   * lifts a sign-in lock (the guesses were at the old password).
   */
  async resetPassword(id: string, by: Actor): Promise<string> {
    const user = await this.get(id);
    const password = oneTimePassword();
    const now = this.clock.now();
    await this.users.setPassword(id, await this.passwords.hash(password), true, now);
    await this.refreshTokens.revokeAllOfUser(id, now);
    await this.attempts.forget(user.username);
    await this.log(SecurityEventType.USER_PASSWORD_RESET, by, user.username);
    return password;
  }

  private async logChanges(before: User, after: User, by: Actor): Promise<void> {
    if (before.roles.join() !== after.roles.join()) {
      await this.log(SecurityEventType.USER_ROLES_CHANGED, by, after.username, {
        from: before.roles,
        to: after.roles,
      });
    }
    if (before.status !== after.status) {
      await this.log(SecurityEventType.USER_STATUS_CHANGED, by, after.username, {
        from: before.status,
        to: after.status,
      });
    }
    const fields = (['displayName', 'email', 'unitCode'] as const).filter((f) => before[f] !== after[f]);
    if (fields.length) await this.log(SecurityEventType.USER_UPDATED, by, after.username, { fields });
  }

  private log(
    type: SecurityEventType,
    by: Actor,
    target: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    return this.securityLog.record({ type, actor: actor(by), target, details });
  }
}
