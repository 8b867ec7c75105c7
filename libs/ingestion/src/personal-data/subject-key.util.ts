import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigurationError } from '@app/config';
import { SubjectPseudonymizer } from './subject-pseudonymizer.service';

const GENERATED_KEY_FILE = 'subject-hash.key';

/**
 * Builds the pseudonymizer from configuration. Without SUBJECT_HASH_KEY the embedded default generates a key
 * once into DATA_DIR/secrets (and says so); a production server must be given one, or search breaks on restore.
 */
export function createSubjectPseudonymizer(config: AppConfig): SubjectPseudonymizer {
  const { hashKey, hashKeyId, previousHashKeys, encryptionKey, secretsDir } = config.personalData;
  if (previousHashKeys.some((k) => k.id === hashKeyId)) {
    throw new ConfigurationError([`SUBJECT_HASH_PREVIOUS_KEYS: names the current key id ${hashKeyId} (give each earlier key its own id)`]);
  }
  if (hashKey) return new SubjectPseudonymizer(hashKey, hashKeyId, encryptionKey, previousHashKeys);
  if (config.env === 'production' && config.database.url) {
    throw new ConfigurationError(['SUBJECT_HASH_KEY: required in production with a database server (not set)']);
  }
  return new SubjectPseudonymizer(readOrGenerateKey(secretsDir), hashKeyId, encryptionKey, previousHashKeys);
}

function readOrGenerateKey(dir: string): string {
  const file = join(dir, GENERATED_KEY_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting together never overwrite each other's key.
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    new Logger('PersonalData').warn(
      `SUBJECT_HASH_KEY is not set: generated a key into ${file}. Back it up with the data; set SUBJECT_HASH_KEY in production.`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}
