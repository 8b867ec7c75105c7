import { createCipheriv, createDecipheriv, createHmac, createSecretKey, KeyObject, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The block of 100 consecutive personal IDs an ID falls in: all its digits but the last two. */
const BLOCK_DIGITS = 10;
/** Bytes of the block hash kept: enough that two blocks one account looks up within an hour never collide by chance. */
const BLOCK_HASH_BYTES = 8;
/** Domain separation: the block key is derived from the subject key, never used as it. */
const BLOCK_KEY_LABEL = 'tthc-audit subject-block v1';

/**
 * The only way the citizen's personal ID (subjectId) is kept: a keyed hash (HMAC-SHA-256) for search, tagged
 * with the key's id so keys can rotate, and, only when an encryption key is configured, an AES-256-GCM copy.
 * Auditors' search hashes a typed ID with hash() to find the same rows.
 */
export class SubjectPseudonymizer {
  private readonly hashKey: KeyObject;
  private readonly blockKey: KeyObject;
  private readonly encryptionKey: KeyObject | null;
  private readonly previousKeys: { id: string; key: KeyObject }[];

  /** previousKeys: the hash keys of earlier rotations, only searched with (searchHashes), never written with. */
  constructor(
    hashKey: Buffer | string,
    readonly keyId: string,
    encryptionKey?: Buffer,
    previousKeys: readonly { id: string; key: Buffer | string }[] = [],
  ) {
    this.hashKey = secretKey(hashKey);
    this.previousKeys = previousKeys.filter((k) => k.id !== keyId).map((k) => ({ id: k.id, key: secretKey(k.key) }));
    this.blockKey = createSecretKey(createHmac('sha256', this.hashKey).update(BLOCK_KEY_LABEL, 'utf8').digest());
    this.encryptionKey = encryptionKey ? createSecretKey(encryptionKey) : null;
  }

  /** HMAC-SHA-256 of the ID under the current key (32 bytes). */
  hash(subjectId: string): Buffer {
    return createHmac('sha256', this.hashKey).update(subjectId, 'utf8').digest();
  }

  /**
   * The ID's hash under the current key and under every earlier one, each with its key id: what a search looks
   * for, so that events stored before a rotation are still found.
   */
  searchHashes(subjectId: string): { keyId: string; hash: Buffer }[] {
    return [
      { keyId: this.keyId, hash: this.hash(subjectId) },
      ...this.previousKeys.map((k) => ({ keyId: k.id, hash: createHmac('sha256', k.key).update(subjectId, 'utf8').digest() })),
    ];
  }

  /** The same HMAC as lowercase hex: what ingest stores (a string costs far less to make than a Buffer). */
  hashHex(subjectId: string): string {
    return createHmac('sha256', this.hashKey).update(subjectId, 'utf8').digest('hex');
  }

  /**
   * A keyed hash of the block of 100 consecutive IDs the ID falls in (its first 10 digits), under a key derived
   * from the subject key (HMAC(subjectKey, label)), 8 bytes as hex. Derived data for the enumeration detector:
   * two lookups share it when their IDs are within the same hundred, which is all it tells (docs/detection.md).
   * Null for an ID too short to have a block.
   */
  blockHex(subjectId: string): string | null {
    if (subjectId.length <= BLOCK_DIGITS) return null;
    return createHmac('sha256', this.blockKey).update(subjectId.slice(0, BLOCK_DIGITS), 'utf8').digest('hex').slice(0, 2 * BLOCK_HASH_BYTES);
  }

  get encrypts(): boolean {
    return this.encryptionKey !== null;
  }

  /** AES-256-GCM: iv (12) ‖ tag (16) ‖ ciphertext; null when no encryption key is configured. */
  encrypt(subjectId: string): Buffer | null {
    if (!this.encryptionKey) return null;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(subjectId, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** For an authorised disclosure only; throws if the copy was altered or the key is not the one used. */
  decrypt(sealed: Buffer): string {
    if (!this.encryptionKey) throw new Error('No SUBJECT_ENCRYPTION_KEY is configured');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

function secretKey(key: Buffer | string): KeyObject {
  return createSecretKey(typeof key === 'string' ? Buffer.from(key, 'utf8') : key);
}
