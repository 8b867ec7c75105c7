import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { Role } from '../permission';
import { FIRST_ADMIN_PASSWORD_FILE, FIRST_ADMIN_USERNAME } from './first-admin.constant';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

/**
 * The first admin, without a default password, on an empty users table:
 * - from BOOTSTRAP_ADMIN_USERNAME/PASSWORD when set;
 * - otherwise, on the embedded database of `npm start`, "admin" with a generated one-time password written to
 *   DATA_DIR/secrets, because the command line cannot open that database while the service runs;
 * - on a server, nobody: the log says to use the command line, which can reach the server beside the service.
 * Either password must be changed at first sign-in. Nothing happens once any user exists.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly users: UserRepository,
    private readonly userService: UserService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.ensureFirstAdmin();
    } catch (error) {
      // A replica starting beside another may lose the race for the first admin; a schema not yet migrated
      // (DATABASE_MIGRATE_ON_START=false) is reported by the readiness check and the migrations command.
      const code = (error as { code?: string }).code;
      if (code !== '42P01' && !(error instanceof DomainException && error.code === ErrorCode.CONFLICT))
        throw error;
    }
  }

  private async ensureFirstAdmin(): Promise<void> {
    if (!(await this.users.isEmpty())) return;
    const admin = this.config.auth.bootstrapAdmin;
    if (admin) return this.createFromEnvironment(admin);
    // The password is of use only to sign in to this process's API (the command line's contexts run no roles).
    if (!this.config.database.url && this.config.roles.has('api')) return this.createWithPasswordFile();
    // A command's own context (no roles) is not where anyone signs in: the advice is for the service's start.
    if (!this.config.roles.size) return;
    this.logger.warn(
      'No users yet: create the first admin with `npm run cli -- users:create-admin --username <name> --email <email>`',
    );
  }

  private async createFromEnvironment(admin: {
    username: string;
    password: string;
    email?: string;
  }): Promise<void> {
    await this.userService.create(
      {
        username: admin.username,
        displayName: admin.username,
        email: admin.email ?? `${admin.username}@localhost`,
        roles: [Role.ADMIN],
        password: admin.password,
        mustChangePassword: true,
      },
      { kind: 'system', name: 'BOOTSTRAP_ADMIN_USERNAME' },
    );
    this.logger.warn(
      `Created the first admin "${admin.username}" from BOOTSTRAP_ADMIN_*; the password must be changed at first sign-in. Remove BOOTSTRAP_ADMIN_PASSWORD from the environment.`,
    );
  }

  private async createWithPasswordFile(): Promise<void> {
    const { oneTimePassword } = await this.userService.create(
      {
        username: FIRST_ADMIN_USERNAME,
        displayName: FIRST_ADMIN_USERNAME,
        email: `${FIRST_ADMIN_USERNAME}@localhost`,
        roles: [Role.ADMIN],
      },
      { kind: 'system', name: 'first-start' },
    );
    let file: string;
    try {
      file = this.writePasswordFile(oneTimePassword!);
    } catch (error) {
      throw new Error(
        `Created the first admin "${FIRST_ADMIN_USERNAME}" but could not write its password into ${this.config.auth.secretsDir} (${(error as Error).message}). Stop the service and run \`npm run cli -- users:reset-password --username ${FIRST_ADMIN_USERNAME}\`.`,
      );
    }
    this.logger.warn(
      `No users yet: created the first admin "${FIRST_ADMIN_USERNAME}" with a one-time password in ${file} (readable by this user only). Sign in with it and change it (README "First steps"), then delete the file.`,
    );
  }

  /** A file left by an earlier database is replaced: with no users, its password opens nothing. */
  private writePasswordFile(password: string): string {
    const dir = this.config.auth.secretsDir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, FIRST_ADMIN_PASSWORD_FILE);
    // Written aside, then renamed: the file never exists with a wider mode or half a password.
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, `${password}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(draft, file);
    return file;
  }
}
