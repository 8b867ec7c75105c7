import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { AuthConfig } from '@app/config';

/**
 * The HS256 secret of access tokens: AUTH_JWT_SECRET, or (so that `npm start` works with nothing configured) a
 * secret generated once into DATA_DIR/secrets/jwt.key. Replicas must share one secret, so production sets it.
 */
export function resolveJwtSecret(config: AuthConfig): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(config.secretsDir, 'jwt.key');
  mkdirSync(config.secretsDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
    new Logger('Auth').warn(
      `AUTH_JWT_SECRET is not set: generated a signing secret into ${file}. Set AUTH_JWT_SECRET when running more than one replica.`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}
