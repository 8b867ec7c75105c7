import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreatedUserDto,
  CreateUserDto,
  CurrentPrincipal,
  IdParamDto,
  ListUsersQueryDto,
  NoStore,
  OneTimePasswordDto,
  Permission,
  Principal,
  RequirePermission,
  UpdateUserDto,
  UserDto,
  UserService,
} from '@app/auth';

/** Admins manage the people who use the console and the API; every change goes to the security log. */
@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Get()
  @RequirePermission(Permission.USERS_READ)
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: [UserDto] })
  list(@Query() query: ListUsersQueryDto): Promise<UserDto[]> {
    return this.users.list(query);
  }

  @Get(':id')
  @RequirePermission(Permission.USERS_READ)
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserDto })
  get(@Param() { id }: IdParamDto): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @RequirePermission(Permission.USERS_WRITE)
  @NoStore()
  @ApiOperation({
    summary: 'Create a user with a one-time password (shown once; to be changed at first sign-in)',
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  async create(@Body() body: CreateUserDto, @CurrentPrincipal() by: Principal): Promise<CreatedUserDto> {
    const { user, oneTimePassword } = await this.users.create(body, by);
    return { user, oneTimePassword: oneTimePassword! };
  }

  @Patch(':id')
  @RequirePermission(Permission.USERS_WRITE)
  @ApiOperation({ summary: 'Change a user: details, roles, status (disabling ends their sessions)' })
  @ApiOkResponse({ type: UserDto })
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<UserDto> {
    return this.users.update(id, body, by);
  }

  @Post(':id/reset-password')
  @RequirePermission(Permission.USERS_WRITE)
  @NoStore()
  @ApiOperation({ summary: 'Give a user a new one-time password (shown once); ends their sessions' })
  @ApiCreatedResponse({ type: OneTimePasswordDto })
  async resetPassword(
    @Param() { id }: IdParamDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<OneTimePasswordDto> {
    return { oneTimePassword: await this.users.resetPassword(id, by) };
  }
}
