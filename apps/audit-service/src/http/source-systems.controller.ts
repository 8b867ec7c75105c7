import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '@app/accounts';
import { CurrentPrincipal, Permission, Principal, RequirePermission, securityActorOf, SecurityEventType, SecurityLogService } from '@app/auth';
import {
  CreateSourceSystemDto,
  SetAccountDirectoryOwnerDto,
  SourceFlagUsageDto,
  SourceSystemDto,
  SourceSystemInput,
  SourceSystemsService,
  UpdateSourceSystemDto,
} from '@app/source-systems';

const toInput = (code: string, dto: UpdateSourceSystemDto): SourceSystemInput => ({
  code,
  name: dto.name,
  operatorOrg: dto.operatorOrg,
  allowedFields: [...new Set(dto.allowedFields)],
  legalBasis: dto.legalBasis ?? null,
  approvalDocNo: dto.approvalDocNo ?? null,
  approvalDate: dto.approvalDate ?? null,
  contactName: dto.contactName ?? null,
  contactEmail: dto.contactEmail ?? null,
  contactPhone: dto.contactPhone ?? null,
  status: dto.status ?? 'active',
});

@ApiTags('source-systems')
@Controller('v1/source-systems')
export class SourceSystemsController {
  constructor(
    private readonly sourceSystems: SourceSystemsService,
    private readonly securityLog: SecurityLogService,
  ) {}

  @Get()
  @RequirePermission(Permission.SOURCE_SYSTEMS_READ)
  @ApiOperation({ summary: 'Registered source systems' })
  @ApiOkResponse({ type: [SourceSystemDto] })
  list(): Promise<SourceSystemDto[]> {
    return this.sourceSystems.list();
  }

  @Get('unregistered')
  @RequirePermission(Permission.SOURCE_SYSTEMS_READ)
  @ApiOperation({ summary: 'sourceSystem codes seen in stored events but not registered, with counts and last seen' })
  @ApiOkResponse({ type: [SourceFlagUsageDto] })
  unregistered(): Promise<SourceFlagUsageDto[]> {
    return this.sourceSystems.unregistered();
  }

  @Get('undeclared-fields')
  @RequirePermission(Permission.SOURCE_SYSTEMS_READ)
  @ApiOperation({ summary: 'Registered systems that received fields outside their declared set, with those fields' })
  @ApiOkResponse({ type: [SourceFlagUsageDto] })
  undeclaredFields(): Promise<SourceFlagUsageDto[]> {
    return this.sourceSystems.undeclaredFields();
  }

  @Get(':code')
  @RequirePermission(Permission.SOURCE_SYSTEMS_READ)
  @ApiOperation({ summary: 'One registered source system' })
  @ApiOkResponse({ type: SourceSystemDto })
  get(@Param('code') code: string): Promise<SourceSystemDto> {
    return this.sourceSystems.get(code);
  }

  @Post()
  @RequirePermission(Permission.SOURCE_SYSTEMS_WRITE)
  @ApiOperation({ summary: 'Register a source system (409 if the code is taken)' })
  @ApiCreatedResponse({ type: SourceSystemDto })
  create(@Body() dto: CreateSourceSystemDto): Promise<SourceSystemDto> {
    return this.sourceSystems.create(toInput(dto.code, dto));
  }

  @Put(':code')
  @RequirePermission(Permission.SOURCE_SYSTEMS_WRITE)
  @ApiOperation({ summary: 'Replace the registration of a source system (all but ownsAccountDirectory, which it keeps)' })
  @ApiOkResponse({ type: SourceSystemDto })
  update(@Param('code') code: string, @Body() dto: UpdateSourceSystemDto): Promise<SourceSystemDto> {
    return this.sourceSystems.update(toInput(code, dto));
  }

  // An admin's setting, not part of the registration operators maintain: the owner's key rewrites the directory.
  @Put(':code/owns-account-directory')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: 'Mark (or unmark) the system that owns the TTHC account directory: only its producer key may sync the directory',
    description: 'Admins only (settings:write). At most one system owns the directory: marking a second one answers 409.',
  })
  @ApiOkResponse({ type: SourceSystemDto })
  @ApiConflictResponse({ description: 'Another system owns the account directory' })
  async setAccountDirectoryOwner(
    @Param('code') code: string,
    @Body() dto: SetAccountDirectoryOwnerDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<SourceSystemDto> {
    const system = await this.sourceSystems.setOwnsAccountDirectory(code, dto.ownsAccountDirectory, actorOf(principal));
    // Who may rewrite the account directory is a security setting: recorded like a change of roles or keys.
    await this.securityLog.record({
      type: SecurityEventType.DIRECTORY_OWNER_CHANGED,
      actor: securityActorOf(principal),
      target: code,
      clientIp: request.ip,
      details: { ownsAccountDirectory: dto.ownsAccountDirectory },
    });
    return system;
  }

  @Delete(':code')
  @HttpCode(204)
  @RequirePermission(Permission.SOURCE_SYSTEMS_WRITE)
  @ApiOperation({ summary: 'Remove a source system from the registry (its stored events stay)' })
  @ApiNoContentResponse()
  async remove(@Param('code') code: string): Promise<void> {
    await this.sourceSystems.remove(code);
  }
}
