export * from './permission';
export * from './principal';
export { AuthModule } from './auth.module';
export {
  AllowPendingPasswordChange,
  AllowProducerKey,
  CurrentPrincipal,
  CurrentSessionId,
  NoStore,
  Public,
  RateLimit,
  RequireAnyPermission,
  RequirePermission,
  ANY_PERMISSION_KEY,
  PERMISSIONS_KEY,
  PUBLIC_KEY,
  PRODUCER_KEY,
} from './guard/auth.decorator';
export type { AuthenticatedRequest, RateLimitName } from './guard/auth.decorator';
export { permissionsOf } from './guard/auth.guard';
export { SessionService } from './sessions/session.service';
export type { SessionTokens } from './sessions/session.service';
export { UserService } from './users/user.service';
export { FIRST_ADMIN_PASSWORD_FILE, FIRST_ADMIN_USERNAME } from './users/first-admin.constant';
export type { Actor, CreateUserInput } from './users/user.service';
export type { User, UserStatus, UserChanges } from './users/user.type';
export { PasswordService } from './users/password.service';
export { ApiKeyService } from './api-keys/api-key.service';
export type { ApiKey, IssuedApiKey } from './api-keys/api-key.type';
export { SecurityLogService } from './security-log/security-log.service';
export { SecurityLogModule } from './security-log/security-log.module';
export { SecurityEventType } from './security-log/security-event.type';
export { actorOf as securityActorOf } from './security-log/security-event.type';
export type { SecurityActor, SecurityEvent, SecurityEventFilter } from './security-log/security-event.type';
export { OidcService } from './oidc/oidc.service';
export * from './dto/api-key.dto';
export * from './dto/change-password.dto';
export * from './dto/create-api-key.dto';
export * from './dto/create-user.dto';
export * from './dto/created-user.dto';
export * from './dto/id-param.dto';
export * from './dto/issued-api-key.dto';
export * from './dto/list-api-keys-query.dto';
export * from './dto/list-security-events-query.dto';
export * from './dto/list-users-query.dto';
export * from './dto/me.dto';
export * from './dto/oidc-settings.dto';
export * from './dto/oidc-sign-in.dto';
export * from './dto/one-time-password.dto';
export * from './dto/refresh-session.dto';
export * from './dto/security-event-page.dto';
export * from './dto/security-event.dto';
export * from './dto/session-tokens.dto';
export * from './dto/sign-in.dto';
export * from './dto/update-user.dto';
export * from './dto/user.dto';
export { userServiceFor } from './users/standalone-user-service.util';
