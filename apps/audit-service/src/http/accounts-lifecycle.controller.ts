import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccountDto,
  AccountHistoryEntryDto,
  AccountLockService,
  AccountsService,
  AccountStatusCache,
  AccountStatusDto,
  actorOf,
  ChangeLockStateDto,
  CreateExemptionDto,
  ExemptionDto,
  ExemptionService,
  LockChangeResultDto,
} from '@app/accounts';
import { AllowProducerKey, CurrentPrincipal, Permission, Principal, RequireAnyPermission, RequirePermission } from '@app/auth';
import { Clock } from '@app/common';

/** One account: detail, the gateway's status question, history, manual lock/unlock, exemptions. */
@ApiTags('accounts')
@Controller('v1/accounts/:accountId')
export class AccountsLifecycleController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly status: AccountStatusCache,
    private readonly locks: AccountLockService,
    private readonly exemptions: ExemptionService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequirePermission(Permission.ACCOUNTS_READ)
  @ApiOperation({ summary: 'One account, with the start of its idle count (idleSince), which fact that is (idleBasis) and its lock date' })
  @ApiOkResponse({ type: AccountDto })
  get(@Param('accountId') accountId: string): Promise<AccountDto> {
    return this.accounts.get(accountId);
  }

  @Get('status')
  @RequireAnyPermission(Permission.ACCOUNTS_SYNC, Permission.ACCOUNTS_READ)
  @AllowProducerKey()
  @ApiOperation({
    summary: 'May the account be used? For the gateway (producer API key) and for users who read accounts; answered from memory',
    description: 'Unknown accounts answer state "unknown", mayUse true: this service only says no to accounts it has locked.',
  })
  @ApiOkResponse({ type: AccountStatusDto })
  getStatus(@Param('accountId') accountId: string): AccountStatusDto {
    return this.status.get(accountId);
  }

  @Get('history')
  @RequirePermission(Permission.ACCOUNTS_READ)
  @ApiOperation({ summary: 'Every change to the account: who or what, when, why, with the evidence' })
  @ApiOkResponse({ type: [AccountHistoryEntryDto] })
  history(@Param('accountId') accountId: string): Promise<AccountHistoryEntryDto[]> {
    return this.accounts.historyOf(accountId);
  }

  @Post('lock')
  @HttpCode(200)
  @RequirePermission(Permission.ACCOUNTS_LOCK)
  @ApiOperation({ summary: 'Lock the account now (reason required); the TTHC system is told' })
  @ApiOkResponse({ type: LockChangeResultDto })
  async lock(
    @Param('accountId') accountId: string,
    @Body() dto: ChangeLockStateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LockChangeResultDto> {
    const outcome = await this.locks.lock(accountId, actorOf(principal), dto.reason, this.clock.now());
    return { accountId, state: 'locked', commandId: outcome?.commandId ?? null };
  }

  @Post('unlock')
  @HttpCode(200)
  @RequirePermission(Permission.ACCOUNTS_LOCK)
  @ApiOperation({ summary: 'Unlock the account (admins, reason required); it gets a fresh grace period from now' })
  @ApiOkResponse({ type: LockChangeResultDto })
  async unlock(
    @Param('accountId') accountId: string,
    @Body() dto: ChangeLockStateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LockChangeResultDto> {
    const { commandId } = await this.locks.unlock(accountId, actorOf(principal), dto.reason, this.clock.now());
    return { accountId, state: 'active', commandId };
  }

  @Get('exemptions')
  @RequirePermission(Permission.ACCOUNTS_READ)
  @ApiOperation({ summary: 'Exemptions from the idle lock, past and present' })
  @ApiOkResponse({ type: [ExemptionDto] })
  listExemptions(@Param('accountId') accountId: string): Promise<ExemptionDto[]> {
    return this.exemptions.list(accountId);
  }

  @Post('exemptions')
  @RequirePermission(Permission.ACCOUNTS_LOCK)
  @ApiOperation({ summary: 'Exempt the account from the idle lock until a date (service account, registered leave)' })
  @ApiCreatedResponse({ type: ExemptionDto })
  grantExemption(
    @Param('accountId') accountId: string,
    @Body() dto: CreateExemptionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExemptionDto> {
    return this.exemptions.grant(accountId, dto, actorOf(principal));
  }

  @Post('exemptions/:exemptionId/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.ACCOUNTS_LOCK)
  @ApiOperation({ summary: 'End an exemption now (reason required)' })
  @ApiOkResponse({ type: ExemptionDto })
  revokeExemption(
    @Param('accountId') accountId: string,
    @Param('exemptionId') exemptionId: string,
    @Body() dto: ChangeLockStateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExemptionDto> {
    return this.exemptions.revoke(accountId, exemptionId, actorOf(principal), dto.reason);
  }
}
