import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AllowPendingPasswordChange,
  ChangePasswordDto,
  CurrentPrincipal,
  CurrentSessionId,
  MeDto,
  NoStore,
  OidcService,
  OidcSettingsDto,
  OidcSignInDto,
  permissionsOf,
  Principal,
  Public,
  RateLimit,
  RefreshSessionDto,
  RequirePermission,
  SessionService,
  SessionTokensDto,
  SignInDto,
  UserService,
} from '@app/auth';

/** Sign-in (password or identity provider), token refresh, sign-out, password change. */
@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly oidc: OidcService,
    private readonly users: UserService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public('signing in is how a caller becomes authenticated')
  @RateLimit('sign-in')
  @NoStore()
  @ApiOperation({ summary: 'Sign in with username and password: an access token and a refresh token' })
  @ApiOkResponse({ type: SessionTokensDto })
  login(@Body() body: SignInDto, @Ip() ip: string): Promise<SessionTokensDto> {
    return this.sessions.signIn(body.username, body.password, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public('the refresh token itself is the credential')
  @RateLimit('sign-in')
  @NoStore()
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)' })
  @ApiOkResponse({ type: SessionTokensDto })
  refresh(@Body() body: RefreshSessionDto, @Ip() ip: string): Promise<SessionTokensDto> {
    return this.sessions.refresh(body.refreshToken, ip);
  }

  @Get('oidc')
  @Public('the console needs the identity provider settings before anyone is signed in')
  @ApiOperation({ summary: 'Identity-provider (OpenID Connect) settings for the console' })
  @ApiOkResponse({ type: OidcSettingsDto })
  oidcSettings(): OidcSettingsDto {
    return this.oidc.settings();
  }

  @Post('oidc/login')
  @HttpCode(200)
  @Public('signing in is how a caller becomes authenticated')
  @RateLimit('sign-in')
  @NoStore()
  @ApiOperation({ summary: 'Sign in with an ID token from the configured identity provider' })
  @ApiOkResponse({ type: SessionTokensDto })
  oidcLogin(@Body() body: OidcSignInDto, @Ip() ip: string): Promise<SessionTokensDto> {
    return this.oidc.signIn(body.idToken, ip);
  }

  @Post('logout')
  @HttpCode(204)
  @RequirePermission()
  @AllowPendingPasswordChange()
  @ApiOperation({
    summary: 'Sign out: ends this session (its refresh tokens and access tokens stop working)',
  })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @CurrentSessionId() sessionId: string,
    @Ip() ip: string,
  ): Promise<void> {
    if (principal.kind === 'user') await this.sessions.signOut(principal.userId, sessionId, ip);
  }

  @Post('change-password')
  @HttpCode(204)
  @RequirePermission()
  @AllowPendingPasswordChange()
  // Per user (the caller is signed in), beside the lockout that the current-password check shares with sign-in.
  @RateLimit('sign-in')
  @ApiOperation({
    summary:
      'Change the own password (required after a one-time password); ends the other sessions. Wrong current passwords count towards the sign-in lockout',
  })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentSessionId() sessionId: string,
    @Ip() ip: string,
  ): Promise<void> {
    if (principal.kind === 'user') {
      await this.sessions.changePassword(
        principal.userId,
        sessionId,
        body.currentPassword,
        body.newPassword,
        ip,
      );
    }
  }

  @Get('me')
  @RequirePermission()
  @AllowPendingPasswordChange()
  @ApiOperation({ summary: 'The signed-in user and what they may do' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    const user = await this.users.get(principal.kind === 'user' ? principal.userId : '');
    return { user, permissions: [...permissionsOf(principal)].sort() };
  }
}
