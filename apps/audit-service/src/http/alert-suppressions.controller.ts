import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  alertActorOf,
  AlertIdParamDto,
  CreateSuppressionDto,
  ListSuppressionsQueryDto,
  RevokeSuppressionDto,
  SuppressionDto,
  SuppressionService,
} from '@app/alerts';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@app/auth';

/**
 * Suppressions are an admin's setting (settings:write): reviewers triage alerts but may not hide them. Registered
 * before AlertsController so that /v1/alerts/suppressions is not read as an alert id.
 */
@ApiTags('alerts')
@Controller('v1/alerts/suppressions')
export class AlertSuppressionsController {
  constructor(private readonly suppressions: SuppressionService) {}

  @Get()
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({ summary: 'Suppressions, newest first, with how many alerts each covered' })
  @ApiOkResponse({ type: [SuppressionDto] })
  list(@Query() q: ListSuppressionsQueryDto): Promise<SuppressionDto[]> {
    return this.suppressions.list({ active: q.active, limit: q.limit });
  }

  @Post()
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: 'Suppress alerts of a scope (account, unit, type, source system) until validUntil (at most 366 days)',
    description: 'Alerts raised under it are kept with status suppressed and counted, out of the queue. The creating admin is its approver.',
  })
  @ApiCreatedResponse({ type: SuppressionDto })
  create(@Body() dto: CreateSuppressionDto, @CurrentPrincipal() p: Principal): Promise<SuppressionDto> {
    return this.suppressions.create(
      {
        reason: dto.reason,
        accountId: dto.accountId ?? null,
        unitCode: dto.unitCode ?? null,
        type: dto.type ?? null,
        sourceSystem: dto.sourceSystem ?? null,
        validFrom: dto.validFrom ? new Date(dto.validFrom) : undefined,
        validUntil: new Date(dto.validUntil),
      },
      alertActorOf(p),
    );
  }

  @Get(':id')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({ summary: 'One suppression with its history' })
  @ApiOkResponse({ type: SuppressionDto })
  get(@Param() { id }: AlertIdParamDto): Promise<SuppressionDto> {
    return this.suppressions.get(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({ summary: 'End a suppression now' })
  @ApiOkResponse({ type: SuppressionDto })
  @ApiConflictResponse({ description: 'Already revoked' })
  async revoke(@Param() { id }: AlertIdParamDto, @Body() dto: RevokeSuppressionDto, @CurrentPrincipal() p: Principal): Promise<SuppressionDto> {
    await this.suppressions.revoke(id, dto.reason, alertActorOf(p));
    return this.suppressions.get(id);
  }
}
