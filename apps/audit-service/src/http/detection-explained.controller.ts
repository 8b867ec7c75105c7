import { Body, Controller, Get, Param, Put, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '@app/accounts';
import type { Request } from 'express';
import { CurrentPrincipal, Permission, Principal, RequirePermission, SecurityEventType, SecurityLogService, securityActorOf } from '@app/auth';
import {
  ExplainedShareDto,
  ExplainedShareQueryDto,
  ExplainedShareService,
  ProcedureDto,
  ProceduresService,
  PutProcedureDto,
  ResolvedProcedure,
} from '@app/detection';

const toDto = ({ admin: _admin, ...p }: ResolvedProcedure & { changes?: ProcedureDto['changes'] }): ProcedureDto => p;

/** Explanations first: what procedures need, and the share of lookups explained (docs/detection.md). */
@ApiTags('detection')
@Controller('v1/detection')
export class DetectionExplainedController {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly explained: ExplainedShareService,
    private readonly securityLog: SecurityLogService,
  ) {}

  @Get('explained-share')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({
    summary: 'The share of lookups explained, per account, unit, source system or day',
    description:
      "A lookup (or identity check) is explained when it names a dossier of the account's unit (the dossier code begins with the unit code) and a " +
      "procedure, and returns only fields that procedure needs (config/procedures.json, admins' entries, or the procedure's learned profile). " +
      'Counted as lookups are stored, with what procedures needed then; a rescan of a period recounts it with what they need now. ' +
      'By source system (groupBy=sourceSystem, or a sourceSystem filter) the figures are kept per unit and day, so not per account.',
  })
  @ApiOkResponse({ type: ExplainedShareDto })
  explainedShare(@Query() q: ExplainedShareQueryDto): Promise<ExplainedShareDto> {
    return this.explained.figures(q.groupBy, { fromDay: q.from, toDay: q.to, accountId: q.accountId, unitCode: q.unitCode, sourceSystem: q.sourceSystem }, q.limit);
  }

  @Get('procedures')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: 'Every procedure known: what it needs and where from (admin, config, learned), with its learned profile' })
  @ApiOkResponse({ type: [ProcedureDto] })
  list(): ProcedureDto[] {
    return this.procedures.list().map(toDto);
  }

  @Get('procedures/:code')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: 'What a procedure needs, where that comes from, its learned profile and every admin change' })
  @ApiOkResponse({ type: ProcedureDto })
  async get(@Param('code') code: string): Promise<ProcedureDto> {
    return toDto(await this.procedures.get(code));
  }

  @Put('procedures/:code')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: 'Set what a procedure needs (over config/procedures.json); logged with who, when and why',
    description:
      'Fields are field-catalog codes. Applies at once on this replica and within 30 s on the others, to lookups stored from then on; ' +
      'days already counted keep their counts until a rescan rebuilds them (POST /v1/detection/scan with rebuild).',
  })
  @ApiOkResponse({ type: ProcedureDto })
  async put(@Param('code') code: string, @Body() dto: PutProcedureDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<ProcedureDto> {
    const procedure = toDto(await this.procedures.set(code, { name: dto.name, fields: dto.fields, reason: dto.reason }, actorOf(principal)));
    // What a procedure needs decides which lookups count as explained: a change of it is recorded like a threshold's.
    await this.securityLog.record({
      type: SecurityEventType.DETECTION_PROCEDURE_CHANGED,
      actor: securityActorOf(principal),
      target: code,
      clientIp: request.ip,
      details: { name: dto.name, fields: dto.fields, reason: dto.reason },
    });
    return procedure;
  }
}
