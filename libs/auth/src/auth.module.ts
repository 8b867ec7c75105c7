import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { Clock } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SourceSystemsModule } from '@app/source-systems';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeyService } from './api-keys/api-key.service';
import { AuthGuard } from './guard/auth.guard';
import { RateLimitGuard } from './guard/rate-limit.guard';
import { SlidingWindowThrottlerStorage } from './guard/sliding-window-throttler.storage';
import { OidcService } from './oidc/oidc.service';
import { SecurityLogModule } from './security-log/security-log.module';
import { AccessTokenService } from './sessions/access-token.service';
import { resolveJwtSecret } from './sessions/jwt-secret.util';
import { PasswordAttemptRepository } from './sessions/password-attempt.repository';
import { PasswordAttemptService } from './sessions/password-attempt.service';
import { RefreshTokenRepository } from './sessions/refresh-token.repository';
import { SessionService } from './sessions/session.service';
import { FirstAdminService } from './users/first-admin.service';
import { PasswordService } from './users/password.service';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

const MINUTE_MS = 60_000;

/**
 * Users, sessions, producer API keys, the security log, and the global guards: authentication and permissions
 * (deny by default), then the named rate limits.
 */
@Module({
  imports: [
    SecurityLogModule,
    // Producer keys are refused as soon as their source system is suspended (the registry holds its status).
    SourceSystemsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A key object made once: given the secret as a string, jsonwebtoken first tries to parse it as a public
        // key on every verify (and fails, ~1 ms a request) before treating it as a secret.
        const key = createSecretKey(Buffer.from(resolveJwtSecret(config.auth)));
        return { secret: key, signOptions: { algorithm: 'HS256' } };
      },
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Wall time, not an injected test clock: limits count real requests per real minute.
        storage: new SlidingWindowThrottlerStorage(new Clock()),
        throttlers: [
          { name: 'sign-in', ttl: MINUTE_MS, limit: config.auth.rateLimits.signInPerMinute },
          { name: 'ingest', ttl: MINUTE_MS, limit: config.auth.rateLimits.ingestPerMinute },
        ],
      }),
    }),
  ],
  providers: [
    Clock,
    UserRepository,
    RefreshTokenRepository,
    PasswordAttemptRepository,
    ApiKeyRepository,
    PasswordService,
    PasswordAttemptService,
    AccessTokenService,
    SessionService,
    UserService,
    ApiKeyService,
    OidcService,
    FirstAdminService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [SessionService, UserService, ApiKeyService, SecurityLogModule, OidcService, PasswordService],
})
export class AuthModule {}
