import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { SourceSystemRegistry } from '@app/source-systems';
import { Principal } from '../principal';
import { SecurityLogService } from '../security-log/security-log.service';
import { actorOf, SecurityEventType } from '../security-log/security-event.type';
import { ApiKeyCredential, ApiKeyRepository } from './api-key.repository';
import { ApiKey, IssuedApiKey } from './api-key.type';

/** tthc_<prefix: 8 of a-z0-9>_<secret: 32 random bytes, base64url>. */
const KEY_FORMAT = /^tthc_([a-z0-9]{8})_[A-Za-z0-9_-]{43,}$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/**
 * Valid keys are remembered this long so that ingest does not read the database on every request. Their system's
 * status is checked against the source-system registry as well, which the replica that changes it refreshes at once.
 */
const CACHE_MS = 30_000;
/** last_used_at is written at most this often per key. */
const TOUCH_INTERVAL_MS = 60_000;

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

function randomPrefix(): string {
  return [...randomBytes(8)].map((b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join('');
}

/**
 * Producer API keys of registered source systems: created (shown once), listed, rotated with an overlap, revoked.
 * Stored as a prefix (for lookup and for people to tell keys apart) and the SHA-256 of the whole key: the keys are
 * long and random, so a slow password hash would only slow ingest down.
 */
@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);
  private readonly cache = new Map<string, { key: ApiKeyCredential; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly registry: SourceSystemRegistry,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async create(
    input: { sourceSystemCode: string; name: string; expiresAt?: Date },
    by: Principal | string,
  ): Promise<IssuedApiKey> {
    const status = await this.keys.sourceSystemStatus(input.sourceSystemCode);
    if (!status) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'No such source system', [
        {
          field: 'sourceSystemCode',
          message: `no source system is registered with code "${input.sourceSystemCode}"`,
        },
      ]);
    }
    const now = this.clock.now();
    const expiresAt = input.expiresAt ?? new Date(now.getTime() + this.config.auth.apiKeys.ttl * 1000);
    if (expiresAt <= now) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The expiry must be in the future', [
        { field: 'expiresAt', message: 'must be in the future' },
      ]);
    }
    const issued = await this.issue({ ...input, expiresAt }, by, now);
    await this.log(SecurityEventType.API_KEY_CREATED, by, issued);
    return issued;
  }

  /** A new key for the same system; the old one stays valid for the overlap, so producers can switch without a gap. */
  async rotate(id: string, by: Principal | string): Promise<IssuedApiKey> {
    const old = await this.keys.findById(id);
    const now = this.clock.now();
    if (!old || old.revokedAt || (old.expiresAt && old.expiresAt <= now)) {
      throw new DomainException(ErrorCode.NOT_FOUND, 'No active API key with this id');
    }
    const expiresAt = new Date(now.getTime() + this.config.auth.apiKeys.ttl * 1000);
    const issued = await this.issue(
      { sourceSystemCode: old.sourceSystemCode, name: old.name, expiresAt, rotatedFrom: old.id },
      by,
      now,
    );
    await this.keys.expireBy(
      old.id,
      new Date(now.getTime() + this.config.auth.apiKeys.rotationOverlap * 1000),
    );
    this.forget(old.id);
    await this.log(SecurityEventType.API_KEY_ROTATED, by, issued, { replaces: old.id });
    return issued;
  }

  /** Takes effect at once on this replica; other replicas drop the key from their cache within CACHE_MS. */
  async revoke(id: string, by: Principal | string): Promise<ApiKey> {
    const revoked = await this.keys.revoke(id, this.clock.now());
    if (!revoked) throw new DomainException(ErrorCode.NOT_FOUND, 'No API key with this id');
    this.forget(id);
    await this.log(SecurityEventType.API_KEY_REVOKED, by, revoked);
    return revoked;
  }

  list(filter: { sourceSystemCode?: string; includeRevoked?: boolean }): Promise<ApiKey[]> {
    return this.keys.list({
      sourceSystemCode: filter.sourceSystemCode,
      includeRevoked: filter.includeRevoked ?? false,
    });
  }

  /** The producer principal of a valid key; UNAUTHENTICATED (saying nothing more) for any other. */
  async verify(raw: string): Promise<Principal & { kind: 'producer' }> {
    const match = KEY_FORMAT.exec(raw);
    // Built only when thrown: this runs on every ingest and status request.
    const invalid = () =>
      new DomainException(ErrorCode.UNAUTHENTICATED, 'The API key is not valid, has expired or was revoked');
    if (!match) throw invalid();
    const hash = sha256(raw);
    const cacheKey = hash.toString('base64');
    const nowMs = this.clock.now().getTime();
    let entry = this.cache.get(cacheKey);
    if (!entry || entry.until <= nowMs) {
      const key = await this.keys.findCredential(match[1]);
      if (!key || !timingSafeEqual(key.keyHash, hash)) throw invalid();
      entry = { key, until: nowMs + CACHE_MS };
      // A suspension can be lifted: only a key of an active system is remembered.
      if (key.sourceSystemStatus === 'active') this.cache.set(cacheKey, entry);
    }
    const key = entry.key;
    // Both must say active: the registry learns of a change made through this replica at once (of others within its
    // refresh), the credential covers a system registered elsewhere that the registry has not read yet.
    const systemActive =
      key.sourceSystemStatus === 'active' &&
      (this.registry.statusOf(key.sourceSystemCode) ?? 'active') === 'active';
    if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= nowMs) || !systemActive)
      throw invalid();
    this.touch(key.id, nowMs);
    return { kind: 'producer', keyId: key.id, sourceSystem: key.sourceSystemCode };
  }

  private async issue(
    input: { sourceSystemCode: string; name: string; expiresAt: Date; rotatedFrom?: string },
    by: Principal | string,
    now: Date,
  ): Promise<IssuedApiKey> {
    const prefix = randomPrefix();
    const key = `tthc_${prefix}_${randomBytes(32).toString('base64url')}`;
    const createdBy = typeof by === 'string' ? by : by.kind === 'user' ? by.username : `key:${by.keyId}`;
    const record = await this.keys.insert({
      ...input,
      prefix,
      keyHash: sha256(key),
      createdBy,
      createdAt: now,
    });
    return { ...record, key };
  }

  private forget(id: string): void {
    for (const [hash, entry] of this.cache) if (entry.key.id === id) this.cache.delete(hash);
  }

  private touch(id: string, nowMs: number): void {
    if ((this.touched.get(id) ?? 0) + TOUCH_INTERVAL_MS > nowMs) return;
    this.touched.set(id, nowMs);
    this.keys
      .touch(id, new Date(nowMs))
      .catch((error: Error) => this.logger.warn(`Could not record API key use: ${error.message}`));
  }

  private log(
    type: SecurityEventType,
    by: Principal | string,
    key: ApiKey,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.securityLog.record({
      type,
      actor: typeof by === 'string' ? { kind: 'system', name: by } : actorOf(by),
      target: key.id,
      details: { sourceSystem: key.sourceSystemCode, prefix: key.prefix, name: key.name, ...details },
    });
  }
}
