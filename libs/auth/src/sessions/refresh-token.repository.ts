import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { updateReturning } from '../sql.util';

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  revoked_at: Date | null;
}

/** Refresh tokens, stored as SHA-256 hashes; a family is one sign-in session across its rotations. */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly db: DataSource) {}

  async insert(token: {
    userId: string;
    familyId: string;
    hash: Buffer;
    issuedAt: Date;
    expiresAt: Date;
  }): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [token.userId, token.familyId, token.hash, token.issuedAt, token.expiresAt],
    );
    return rows[0].id;
  }

  async findByHash(hash: Buffer): Promise<RefreshTokenRow | undefined> {
    const rows: RefreshTokenRow[] = await this.db.query(
      `SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_token WHERE token_hash = $1`,
      [hash],
    );
    return rows[0];
  }

  /** Claims the token for one rotation: false when another request revoked it first (a reuse). */
  async revokeIfActive(id: string, at: Date): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE refresh_token SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id, at],
    );
    return rows.length === 1;
  }

  async linkReplacement(id: string, replacedBy: string): Promise<void> {
    await this.db.query(`UPDATE refresh_token SET replaced_by = $2 WHERE id = $1`, [id, replacedBy]);
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, at],
    );
  }

  async revokeAllOfUser(userId: string, at: Date, exceptFamily?: string): Promise<void> {
    await this.db.query(
      `UPDATE refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $3`,
      [userId, at, exceptFamily ?? null],
    );
  }

  /** A session is live while its family holds an unrevoked, unexpired token. */
  async isFamilyLive(familyId: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM refresh_token WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > $2 LIMIT 1`,
      [familyId, at],
    );
    return rows.length === 1;
  }
}
