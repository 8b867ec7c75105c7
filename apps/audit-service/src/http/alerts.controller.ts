import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcknowledgeAlertDto,
  alertActorOf,
  AlertDetailDto,
  AlertIdParamDto,
  AlertPageDto,
  AlertsService,
  AlertSummaryDto,
  AlertSummaryService,
  AlertTriageService,
  AssignAlertDto,
  CommentAlertDto,
  ListAlertsQueryDto,
  ReopenAlertDto,
  ResolveAlertDto,
} from '@app/alerts';
import { CurrentPrincipal, Permission, permissionsOf, Principal, RequirePermission, UserService } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';

@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly triage: AlertTriageService,
    private readonly users: UserService,
    private readonly summaries: AlertSummaryService,
  ) {}

  @Get()
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: 'Alerts, newest window first or sorted by when raised, severity, score or last change; filtered by status, type, severity, account, unit and window; paginated by cursor' })
  @ApiOkResponse({ type: AlertPageDto })
  list(@Query() q: ListAlertsQueryDto): Promise<AlertPageDto> {
    return this.alerts.page({
      status: q.status,
      type: q.type,
      severity: q.severity,
      accountId: q.accountId,
      unitCode: q.unitCode,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      sort: q.sort,
      order: q.order,
      cursor: q.cursor,
      limit: q.limit,
    });
  }

  // Before ':id', which would otherwise take "summary" for an id.
  @Get('summary')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: 'How many alerts wait (open or acknowledged) by severity and type, and how many stand in each status: the console overview' })
  @ApiOkResponse({ type: AlertSummaryDto })
  summary(): Promise<AlertSummaryDto> {
    return this.summaries.summary();
  }

  @Get(':id')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: 'One alert with its evidence, explanations, actions and comments' })
  @ApiOkResponse({ type: AlertDetailDto })
  get(@Param() { id }: AlertIdParamDto): Promise<AlertDetailDto> {
    return this.alerts.get(id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequirePermission(Permission.ALERTS_TRIAGE)
  @ApiOperation({ summary: 'open → acknowledged: a reviewer has it in hand' })
  @ApiOkResponse({ type: AlertDetailDto })
  @ApiConflictResponse({ description: 'The alert is not open' })
  async acknowledge(@Param() { id }: AlertIdParamDto, @Body() dto: AcknowledgeAlertDto, @CurrentPrincipal() p: Principal): Promise<AlertDetailDto> {
    await this.triage.acknowledge(id, alertActorOf(p), dto.comment);
    return this.alerts.get(id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission(Permission.ALERTS_TRIAGE)
  @ApiOperation({ summary: 'Assign an open or acknowledged alert to an active user who may triage alerts' })
  @ApiOkResponse({ type: AlertDetailDto })
  @ApiConflictResponse({ description: 'The alert is resolved or suppressed' })
  async assign(@Param() { id }: AlertIdParamDto, @Body() dto: AssignAlertDto, @CurrentPrincipal() p: Principal): Promise<AlertDetailDto> {
    const user = await this.users.get(dto.userId);
    const mayTriage = permissionsOf({ kind: 'user', userId: user.id, username: user.username, roles: user.roles }).has(Permission.ALERTS_TRIAGE);
    if (user.status !== 'active' || !mayTriage) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `User ${user.username} cannot be assigned alerts`, [
        { field: 'userId', message: 'the assignee must be an active user holding alerts:triage (admin or reviewer)' },
      ]);
    }
    await this.triage.assign(id, { id: user.id, name: user.username }, alertActorOf(p), dto.comment);
    return this.alerts.get(id);
  }

  @Post(':id/comment')
  @HttpCode(200)
  @RequirePermission(Permission.ALERTS_TRIAGE)
  @ApiOperation({ summary: 'Add a comment (kept in the action log; comments are never edited or removed)' })
  @ApiOkResponse({ type: AlertDetailDto })
  async comment(@Param() { id }: AlertIdParamDto, @Body() dto: CommentAlertDto, @CurrentPrincipal() p: Principal): Promise<AlertDetailDto> {
    await this.triage.comment(id, dto.text, alertActorOf(p));
    return this.alerts.get(id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequirePermission(Permission.ALERTS_TRIAGE)
  @ApiOperation({ summary: 'open or acknowledged → resolved, as true_positive, false_positive or expected' })
  @ApiOkResponse({ type: AlertDetailDto })
  @ApiConflictResponse({ description: 'The alert is already resolved, or suppressed' })
  async resolve(@Param() { id }: AlertIdParamDto, @Body() dto: ResolveAlertDto, @CurrentPrincipal() p: Principal): Promise<AlertDetailDto> {
    await this.triage.resolve(id, dto.outcome, alertActorOf(p), dto.comment);
    return this.alerts.get(id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequirePermission(Permission.ALERTS_TRIAGE)
  @ApiOperation({ summary: 'resolved or suppressed → open, with the reason' })
  @ApiOkResponse({ type: AlertDetailDto })
  @ApiConflictResponse({ description: 'The alert is open or acknowledged already' })
  async reopen(@Param() { id }: AlertIdParamDto, @Body() dto: ReopenAlertDto, @CurrentPrincipal() p: Principal): Promise<AlertDetailDto> {
    await this.triage.reopen(id, dto.reason, alertActorOf(p));
    return this.alerts.get(id);
  }
}
