import { Injectable, Logger } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, InjectConfig } from '@app/config';

export interface SigningKey {
  keyId: string;
  publicKeyPem: string;
  privateKey: KeyObject;
}

const GENERATED_KEY_FILE = 'integrity-signing-key.pem';

/** Key id: SHA-256 fingerprint (hex) of the public key's SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Checks an Ed25519 signature against a PEM public key; false (never a throw) for anything malformed. */
export function verifySignature(payload: Buffer, signature: Buffer, publicKeyPem: string): boolean {
  try {
    return verify(null, payload, createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/**
 * The Ed25519 key that signs chain heads: from INTEGRITY_SIGNING_KEY, or else generated once into the secrets
 * folder (with a warning: one generated key per replica still verifies, but an operator-held key is the point).
 * Loaded on first use, so replicas that never sign or publish never touch the file system.
 */
@Injectable()
export class SigningKeyService {
  private readonly logger = new Logger(SigningKeyService.name);
  private key?: SigningKey;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  current(): SigningKey {
    if (!this.key) {
      const privateKey = this.load();
      const publicKey = createPublicKey(privateKey);
      this.key = {
        keyId: keyIdOf(publicKey),
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        privateKey,
      };
    }
    return this.key;
  }

  sign(payload: Buffer): Buffer {
    return sign(null, payload, this.current().privateKey);
  }

  private load(): KeyObject {
    const configured = this.config.integrity.signingKey;
    if (configured) return parsePrivateKey(configured);
    const file = join(this.config.integrity.secretsDir, GENERATED_KEY_FILE);
    if (existsSync(file)) return parsePrivateKey(readFileSync(file, 'utf8'));
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(this.config.integrity.secretsDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    this.logger.warn(
      `INTEGRITY_SIGNING_KEY is not set: generated an Ed25519 signing key into ${file}. Set INTEGRITY_SIGNING_KEY in production.`,
    );
    return privateKey;
  }
}

function parsePrivateKey(text: string): KeyObject {
  const key = text.includes('-----BEGIN')
    ? createPrivateKey(text)
    : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The integrity signing key is not an Ed25519 key');
  return key;
}
