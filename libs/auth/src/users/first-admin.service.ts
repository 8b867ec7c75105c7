import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { Role } from '../permission';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

/**
 * First start without a default password: when BOOTSTRAP_ADMIN_USERNAME/PASSWORD are set and there are no users
 * yet, creates that admin, who must change the password at first sign-in. Ignored once any user exists.
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
    const admin = this.config.auth.bootstrapAdmin;
    if (!admin) {
      if (await this.users.isEmpty()) {
        this.logger.warn(
          'No users yet: create the first admin with `npm run cli -- users:create-admin --username <name> --email <email>`',
        );
      }
      return;
    }
    if (!(await this.users.isEmpty())) return;
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
}
