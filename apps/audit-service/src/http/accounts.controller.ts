import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccountCommandDto,
  AccountCommandRepository,
  AccountPageDto,
  AccountsService,
  actorOf,
  DirectorySyncResultDto,
  DirectorySyncService,
  directoryFormatOf,
  IdleLockRunDto,
  IdleLockService,
  ListAccountCommandsQueryDto,
  ListAccountsQueryDto,
  ListLockWarningsQueryDto,
  LockWarningDto,
  LockWarningService,
  RunIdleLockQueryDto,
  SetUnitContactDto,
  SyncAccountsQueryDto,
  UnitContactDto,
} from '@app/accounts';
import { AllowProducerKey, CurrentPrincipal, Permission, permissionsOf, Principal, RequirePermission } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';

/** The account directory and the lifecycle jobs: sync, listing, commands to the TTHC system, warnings. */
@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly directory: DirectorySyncService,
    private readonly idleLock: IdleLockService,
    private readonly commands: AccountCommandRepository,
    private readonly warnings: LockWarningService,
  ) {}

  @Post('sync')
  @HttpCode(200)
  @RequirePermission(Permission.ACCOUNTS_SYNC)
  @AllowProducerKey()
  @ApiOperation({
    summary: 'Sync the TTHC account directory (account-directory.v1) as a JSON array, NDJSON or CSV',
    description:
      'Signed-in users with accounts:sync, or the producer key of the source system that owns the directory (ownsAccountDirectory); any other key gets 403 and nothing changes. ' +
      'Bad records are rejected with line and reason (also a lastLoginAt or createdAt later than now plus INGEST_FUTURE_SKEW); the others apply. Accounts whose status becomes transferred or retired, and in full mode accounts absent from the export, are locked within this request. ' +
      'dryRun=true lists what the sync would do and changes nothing. A full sync that would lock or remove more than the mass-change threshold changes nothing, raises a critical alert and answers outcome "blocked" with a confirmationToken; ' +
      'sent again with confirm=<token> by an admin (accounts:lock; not a producer key), it applies if its plan is still the same.',
  })
  @ApiConsumes('application/json', 'application/x-ndjson', 'text/csv')
  @ApiBody({ schema: { type: 'array', items: { $ref: 'urn:tthc-audit:account-directory-entry:v1' } } })
  @ApiOkResponse({ type: DirectorySyncResultDto })
  @ApiForbiddenResponse({ description: 'A producer key of a system that does not own the account directory' })
  sync(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: SyncAccountsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DirectorySyncResultDto> {
    // A mass change waits for a person: the owner's key may send the export, never confirm its own blocked plan.
    if (query.confirm && !permissionsOf(principal).has(Permission.ACCOUNTS_LOCK)) {
      throw new DomainException(ErrorCode.FORBIDDEN, 'Confirming a blocked mass change needs a signed-in admin (accounts:lock)');
    }
    return this.directory.sync(body, directoryFormatOf(contentType), query.mode ?? 'delta', actorOf(principal), {
      dryRun: query.dryRun,
      confirm: query.confirm,
      producerSystem: principal.kind === 'producer' ? principal.sourceSystem : undefined,
    });
  }

  @Get()
  @RequirePermission(Permission.ACCOUNTS_READ)
  @ApiOperation({ summary: 'Accounts, with their state, last activity and the date their idle lock falls due' })
  @ApiOkResponse({ type: AccountPageDto })
  list(@Query() query: ListAccountsQueryDto): Promise<AccountPageDto> {
    return this.accounts.list({ ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get('commands')
  @RequirePermission(Permission.ACCOUNTS_READ)
  @ApiOperation({ summary: 'Lock/unlock commands for the TTHC system and their delivery state (pending, delivered, failed)' })
  @ApiOkResponse({ type: [AccountCommandDto] })
  listCommands(@Query() query: ListAccountCommandsQueryDto): Promise<AccountCommandDto[]> {
    return this.commands.list({ ...query, limit: query.limit ?? 100, offset: query.offset ?? 0 });
  }

  @Get('lock-warnings')
  @RequirePermission(Permission.ACCOUNTS_READ)
  @ApiOperation({ summary: 'Warnings sent before idle locks (to the holder and the unit admin), newest first' })
  @ApiOkResponse({ type: [LockWarningDto] })
  listWarnings(@Query() query: ListLockWarningsQueryDto): Promise<LockWarningDto[]> {
    return this.warnings.list({ ...query, limit: query.limit ?? 100, offset: query.offset ?? 0 });
  }

  @Post('idle-lock/run')
  @HttpCode(200)
  @RequirePermission(Permission.ACCOUNTS_LOCK)
  @ApiOperation({
    summary: 'Run the idle-lock job now (locks due accounts, sends due warnings); skipped if another replica is running it',
    description:
      'dryRun=true lists the accounts the run would lock, with what their idle count starts from, and changes nothing. A run that would lock more than the mass-change threshold changes nothing, ' +
      'raises a critical alert and answers outcome "blocked" with a confirmationToken; run again with confirm=<token> to apply that plan if it is still the same.',
  })
  @ApiOkResponse({ type: IdleLockRunDto })
  runIdleLock(@Query() query: RunIdleLockQueryDto, @CurrentPrincipal() principal: Principal): Promise<IdleLockRunDto> {
    return this.idleLock.run(actorOf(principal), { dryRun: query.dryRun, confirm: query.confirm });
  }

  @Put('units/:unitCode/contact')
  @RequirePermission(Permission.ACCOUNTS_LOCK)
  @ApiOperation({ summary: "Set the unit admin's address, copied on the unit's lock warnings" })
  @ApiOkResponse({ type: UnitContactDto })
  setUnitContact(
    @Param('unitCode') unitCode: string,
    @Body() dto: SetUnitContactDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UnitContactDto> {
    return this.accounts.setUnitContact(unitCode, dto.adminEmail, actorOf(principal));
  }
}
