import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { updateReturning } from '../sql.util';

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  replaced_by: string | null;
}

/** A refresh token about to be stored: its id is chosen first, so that the token it replaces can point to it. */
export interface NewRefreshToken {
  id: string;
  hash: Buffer;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * Sign-in sessions (user_session, one row per refresh-token family) and their refresh tokens, stored as SHA-256
 * hashes. The session row is what rotation and revocation serialise on: a rotation holds it shared while it swaps
 * the token, a revocation takes it exclusively before it revokes the tokens, so no rotation can slip a token past a
 * revocation.
 */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly db: DataSource) {}

  async openSession(session: { id: string; userId: string }, token: NewRefreshToken): Promise<void> {
    await this.db.query(
      `WITH s AS (INSERT INTO user_session (id, user_id, started_at) VALUES ($1, $2, $3) RETURNING id)
       INSERT INTO refresh_token (id, user_id, family_id, token_hash, issued_at, expires_at)
       SELECT $4, $2, s.id, $5, $3, $6 FROM s`,
      [session.id, session.userId, token.issuedAt, token.id, token.hash, token.expiresAt],
    );
  }

  /**
   * Swaps the presented token for the next one in one statement, if the token is unused and unexpired, its
   * session live and its user active. Of two requests presenting the same token, one wins; the other gets undefined.
   */
  async rotate(
    presented: Buffer,
    next: NewRefreshToken,
  ): Promise<{ userId: string; familyId: string } | undefined> {
    const rows: { user_id: string; family_id: string }[] = await this.db.query(
      `WITH live AS (
         SELECT t.id FROM refresh_token t
           JOIN user_session s ON s.id = t.family_id
           JOIN app_user u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $3
            AND s.revoked_at IS NULL AND u.status = 'active'
          FOR SHARE OF s
       ), used AS (
         UPDATE refresh_token t SET revoked_at = $3, replaced_by = $2
           FROM live WHERE t.id = live.id AND t.revoked_at IS NULL
         RETURNING t.user_id, t.family_id
       )
       INSERT INTO refresh_token (id, user_id, family_id, token_hash, issued_at, expires_at)
       SELECT $2, user_id, family_id, $4, $3, $5 FROM used
       RETURNING user_id, family_id`,
      [presented, next.id, next.issuedAt, next.hash, next.expiresAt],
    );
    return rows[0] && { userId: rows[0].user_id, familyId: rows[0].family_id };
  }

  async findByHash(hash: Buffer): Promise<RefreshTokenRow | undefined> {
    const rows: RefreshTokenRow[] = await this.db.query(
      `SELECT id, user_id, family_id, expires_at, revoked_at, replaced_by FROM refresh_token WHERE token_hash = $1`,
      [hash],
    );
    return rows[0];
  }

  /** Ends one session; true when it was still live. */
  async revokeFamily(familyId: string, at: Date): Promise<boolean> {
    // Two statements on purpose: the second reads after the first has waited out any rotation under way.
    const ended = await updateReturning<{ id: string }>(
      this.db,
      `UPDATE user_session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [familyId, at],
    );
    await this.db.query(
      `UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, at],
    );
    return ended.length === 1;
  }

  async revokeAllOfUser(userId: string, at: Date, exceptFamily?: string): Promise<void> {
    await this.db.query(
      `UPDATE user_session SET revoked_at = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3`,
      [userId, at, exceptFamily ?? null],
    );
    await this.db.query(
      `UPDATE refresh_token SET revoked_at = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $3`,
      [userId, at, exceptFamily ?? null],
    );
  }
}
