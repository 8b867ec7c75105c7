import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DomainException, ErrorCode, ErrorDetail } from '@app/common';
import { AppConfig, CONFIG_DIR, InjectConfig } from '@app/config';

/** OWASP's recommended argon2id settings (19 MiB, 2 passes, 1 lane): strong, and fast enough on 2 cores. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const MAX_LENGTH = 256;

/** Lower-cased, with the digits and symbols people append to a known password taken off. */
function stem(password: string): string {
  return password.toLowerCase().replace(/[^a-z]+$/, '');
}

/** Hashes and checks passwords, and enforces the password policy (length, not the username, not a known one). */
@Injectable()
export class PasswordService {
  private readonly weak: ReadonlySet<string>;
  /** Verified against when the username is unknown, so both paths take the same time. */
  private dummyHash?: Promise<string>;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.weak = new Set(
      readFileSync(join(CONFIG_DIR, 'weak-passwords.txt'), 'utf8')
        .split('\n')
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l && !l.startsWith('#')),
    );
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await (this.dummyHash ??= this.hash('no-such-user-password')), password);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** What is wrong with the password, for the given field name; empty when it is acceptable. */
  problems(password: string, username: string, field = 'password'): ErrorDetail[] {
    const min = this.config.auth.passwordMinLength;
    const problems: string[] = [];
    if (password.length < min) problems.push(`must be at least ${min} characters long`);
    if (password.length > MAX_LENGTH) problems.push(`must be at most ${MAX_LENGTH} characters long`);
    if (username && password.toLowerCase().includes(username.toLowerCase()))
      problems.push('must not contain the username');
    if (this.weak.has(password.toLowerCase()) || this.weak.has(stem(password))) {
      problems.push('is a commonly used password; choose another');
    }
    return problems.map((message) => ({ field, message }));
  }

  assertAcceptable(password: string, username: string, field = 'password'): void {
    const problems = this.problems(password, username, field);
    if (problems.length)
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'The password does not meet the policy',
        problems,
      );
  }
}
