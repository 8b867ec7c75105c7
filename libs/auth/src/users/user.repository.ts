import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException, ErrorCode } from '@app/common';
import { updateReturning } from '../sql.util';
import { Role } from '../permission';
import { NewUser, User, UserChanges, UserCredentials } from './user.type';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string;
  unit_code: string | null;
  roles: Role[];
  status: User['status'];
  must_change_password: boolean;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
  password_hash: string | null;
}

const COLUMNS = `id, username, display_name, email, unit_code, roles, status, must_change_password, last_sign_in_at,
  created_at, updated_at, password_hash`;

function toCredentials(r: UserRow): UserCredentials {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    unitCode: r.unit_code,
    roles: r.roles,
    status: r.status,
    mustChangePassword: r.must_change_password,
    lastSignInAt: r.last_sign_in_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    passwordHash: r.password_hash,
  };
}

/** Strips what must never leave the lib (the password hash). */
export function publicUser(u: UserCredentials): User {
  const { passwordHash: _h, ...user } = u;
  return user;
}

/** Two requests racing for one username or email: the unique index decides, the caller gets a 409. */
async function uniqueOrConflict<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new DomainException(ErrorCode.CONFLICT, 'A user with this username or email already exists');
    }
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class UserRepository {
  constructor(private readonly db: DataSource) {}

  async isEmpty(): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM app_user LIMIT 1`);
    return rows.length === 0;
  }

  async insert(user: NewUser, at: Date): Promise<UserCredentials> {
    const rows: UserRow[] = await uniqueOrConflict(
      this.db.query(
        `INSERT INTO app_user (username, display_name, email, unit_code, roles, password_hash, must_change_password,
                             password_changed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING ${COLUMNS}`,
        [
          user.username,
          user.displayName,
          user.email,
          user.unitCode ?? null,
          user.roles,
          user.passwordHash,
          user.mustChangePassword,
          at,
        ],
      ),
    );
    return toCredentials(rows[0]);
  }

  async findById(id: string): Promise<UserCredentials | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM app_user WHERE id = $1`, [id]);
    return rows[0] && toCredentials(rows[0]);
  }

  /**
   * The user of a session that is still live at `at` (the session of that user, not revoked, with a refresh token of
   * its family unused and unexpired): what every signed-in request checks, in one statement.
   */
  async findInLiveSession(id: string, sessionId: string, at: Date): Promise<UserCredentials | undefined> {
    if (!UUID.test(id) || !UUID.test(sessionId)) return undefined;
    const rows: UserRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM app_user u
        WHERE u.id = $1
          AND EXISTS (SELECT 1 FROM user_session s
                       WHERE s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL
                         AND EXISTS (SELECT 1 FROM refresh_token t WHERE t.family_id = s.id AND t.revoked_at IS NULL AND t.expires_at > $3))`,
      [id, sessionId, at],
    );
    return rows[0] && toCredentials(rows[0]);
  }

  async findByUsername(username: string): Promise<UserCredentials | undefined> {
    const rows: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM app_user WHERE username = $1`, [
      username,
    ]);
    return rows[0] && toCredentials(rows[0]);
  }

  async existsWithUsernameOrEmail(
    username: string,
    email: string,
  ): Promise<'username' | 'email' | undefined> {
    const rows: { username: string }[] = await this.db.query(
      `SELECT username FROM app_user WHERE username = $1 OR lower(email) = lower($2) LIMIT 1`,
      [username, email],
    );
    if (!rows.length) return undefined;
    return rows[0].username === username ? 'username' : 'email';
  }

  async list(filter: {
    role?: Role;
    status?: string;
    limit: number;
    offset: number;
  }): Promise<UserCredentials[]> {
    const rows: UserRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM app_user
        WHERE ($1::text IS NULL OR $1 = ANY (roles)) AND ($2::text IS NULL OR status = $2)
        ORDER BY username LIMIT $3 OFFSET $4`,
      [filter.role ?? null, filter.status ?? null, filter.limit, filter.offset],
    );
    return rows.map(toCredentials);
  }

  async update(id: string, changes: UserChanges, at: Date): Promise<UserCredentials | undefined> {
    const rows = await uniqueOrConflict(
      updateReturning<UserRow>(
        this.db,
        `UPDATE app_user SET
         display_name = COALESCE($2, display_name),
         email = COALESCE($3, email),
         unit_code = CASE WHEN $4::boolean THEN $5 ELSE unit_code END,
         roles = COALESCE($6, roles),
         status = COALESCE($7, status),
         updated_at = $8
       WHERE id = $1 RETURNING ${COLUMNS}`,
        [
          id,
          changes.displayName ?? null,
          changes.email ?? null,
          changes.unitCode !== undefined,
          changes.unitCode ?? null,
          changes.roles ?? null,
          changes.status ?? null,
          at,
        ],
      ),
    );
    return rows[0] && toCredentials(rows[0]);
  }

  async setPassword(id: string, passwordHash: string, mustChange: boolean, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE app_user SET password_hash = $2, must_change_password = $3, password_changed_at = $4, updated_at = $4
       WHERE id = $1`,
      [id, passwordHash, mustChange, at],
    );
  }

  async recordSignIn(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE app_user SET last_sign_in_at = $2 WHERE id = $1`, [id, at]);
  }
}
