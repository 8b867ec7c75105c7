import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { updateReturning } from '../sql.util';
import { ApiKey } from './api-key.type';

interface ApiKeyRow {
  id: string;
  source_system_code: string;
  name: string;
  prefix: string;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  rotated_from: string | null;
}

export interface ApiKeyCredential extends ApiKey {
  keyHash: Buffer;
  sourceSystemStatus: string;
}

const COLUMNS = `k.id, k.source_system_code, k.name, k.prefix, k.created_by, k.created_at, k.expires_at, k.revoked_at,
  k.last_used_at, k.rotated_from`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  sourceSystemCode: r.source_system_code,
  name: r.name,
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
  rotatedFrom: r.rotated_from,
});

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly db: DataSource) {}

  async sourceSystemStatus(code: string): Promise<string | undefined> {
    const rows: { status: string }[] = await this.db.query(
      `SELECT status FROM source_system WHERE code = $1`,
      [code],
    );
    return rows[0]?.status;
  }

  async insert(key: {
    sourceSystemCode: string;
    name: string;
    prefix: string;
    keyHash: Buffer;
    createdBy: string;
    createdAt: Date;
    expiresAt: Date | null;
    rotatedFrom?: string;
  }): Promise<ApiKey> {
    const rows: ApiKeyRow[] = await this.db.query(
      `INSERT INTO api_key AS k (source_system_code, name, prefix, key_hash, created_by, created_at, expires_at, rotated_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        key.sourceSystemCode,
        key.name,
        key.prefix,
        key.keyHash,
        key.createdBy,
        key.createdAt,
        key.expiresAt,
        key.rotatedFrom ?? null,
      ],
    );
    return toApiKey(rows[0]);
  }

  async findById(id: string): Promise<ApiKey | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows: ApiKeyRow[] = await this.db.query(`SELECT ${COLUMNS} FROM api_key k WHERE k.id = $1`, [id]);
    return rows[0] && toApiKey(rows[0]);
  }

  /** The key with this prefix, with its hash and its source system's status, for verification. */
  async findCredential(prefix: string): Promise<ApiKeyCredential | undefined> {
    const rows: (ApiKeyRow & { key_hash: Buffer; system_status: string })[] = await this.db.query(
      `SELECT ${COLUMNS}, k.key_hash, s.status AS system_status
         FROM api_key k JOIN source_system s ON s.code = k.source_system_code WHERE k.prefix = $1`,
      [prefix],
    );
    const r = rows[0];
    return r && { ...toApiKey(r), keyHash: r.key_hash, sourceSystemStatus: r.system_status };
  }

  async list(filter: { sourceSystemCode?: string; includeRevoked: boolean }): Promise<ApiKey[]> {
    const rows: ApiKeyRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM api_key k
        WHERE ($1::text IS NULL OR k.source_system_code = $1) AND ($2::boolean OR k.revoked_at IS NULL)
        ORDER BY k.created_at DESC, k.id`,
      [filter.sourceSystemCode ?? null, filter.includeRevoked],
    );
    return rows.map(toApiKey);
  }

  /** Shortens the key's life to at most `until` (rotation overlap). */
  async expireBy(id: string, until: Date): Promise<void> {
    await this.db.query(`UPDATE api_key SET expires_at = LEAST(COALESCE(expires_at, $2), $2) WHERE id = $1`, [
      id,
      until,
    ]);
  }

  async revoke(id: string, at: Date): Promise<ApiKey | undefined> {
    const rows = await updateReturning<ApiKeyRow>(
      this.db,
      `UPDATE api_key k SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, at],
    );
    return rows[0] && toApiKey(rows[0]);
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE api_key SET last_used_at = GREATEST(COALESCE(last_used_at, $2), $2) WHERE id = $1`,
      [id, at],
    );
  }
}
