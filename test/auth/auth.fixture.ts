import { randomBytes } from 'node:crypto';
import { Controller, Get, HttpCode, INestApplication, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import {
  AllowProducerKey,
  CurrentPrincipal,
  Permission,
  Principal,
  RequireAnyPermission,
  RequirePermission,
  Role,
  User,
  UserService,
} from '@app/auth';
import { Clock } from '@app/common';
import { loadConfig } from '@app/config';
import { AppModule } from '../../apps/audit-service/src/app.module';
import { configureApp } from '../../apps/audit-service/src/bootstrap/create-app';
import { TestApp } from '../utils/test-app';
import { createMigratedDatabase } from '../utils/test-database';

export const GOOD_PASSWORD = 'Mây trắng bay 2026 trên đỉnh Bà Nà';

/** A user with a known password (already changed, unless mustChangePassword is asked for). */
export async function userWithPassword(
  app: INestApplication,
  roles: Role[] = [Role.REVIEWER],
  options: { password?: string; mustChangePassword?: boolean } = {},
): Promise<User & { password: string }> {
  const username = `u${randomBytes(4).toString('hex')}`;
  const password = options.password ?? GOOD_PASSWORD;
  const { user } = await app.get(UserService).create(
    {
      username,
      displayName: username,
      email: `${username}@test.invalid`,
      roles,
      password,
      mustChangePassword: options.mustChangePassword ?? false,
    },
    { kind: 'system', name: 'test' },
  );
  return { ...user, password };
}

/** A response that holds a token, key or password must not be kept by a browser, proxy or HTTP cache. */
export function expectNotStored(res: { headers: Record<string, string> }): void {
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers.pragma).toBe('no-cache');
}

/** A route for each way a producer key may or may not be used; only the tests mount it. */
@Controller('v1/test-probe')
class ProducerProbeController {
  @Post('ingest')
  @HttpCode(200)
  @RequirePermission(Permission.INGEST_WRITE)
  @AllowProducerKey()
  ingest(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('accounts')
  @RequirePermission(Permission.ACCOUNTS_READ)
  @AllowProducerKey()
  accounts(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('accounts-or-sync')
  @RequireAnyPermission(Permission.ACCOUNTS_READ, Permission.ACCOUNTS_SYNC)
  @AllowProducerKey()
  accountsOrSync(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('accounts-or-search')
  @RequireAnyPermission(Permission.ACCOUNTS_READ, Permission.AUDIT_SEARCH)
  @AllowProducerKey()
  accountsOrSearch(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('sources')
  @RequirePermission(Permission.INGEST_WRITE)
  sources(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

/** The service as bootTestApp boots it (with the given clock, if any), plus the probe routes under /v1/test-probe. */
export async function bootProbeApp(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestApp> {
  const db = await createMigratedDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ROLES: 'api',
    DATABASE_URL: db.url,
    ...env,
  });
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot(config, db.url)],
    controllers: [ProducerProbeController],
  });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const app = configureApp(
    (await builder.compile()).createNestApplication<NestExpressApplication>({ bodyParser: false }),
    config,
  );
  await app.init();
  return {
    app,
    config,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
