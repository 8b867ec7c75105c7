import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainException, ErrorCode } from '@app/common';
import { CurrentPrincipal, NoStore, Permission, Principal, RequirePermission, securityActorOf } from '@app/auth';
import {
  AccountTimelineDto,
  AccountTimelineQueryDto,
  CitizenTimelineDto,
  CitizenTimelineRequestDto,
  RevealedSubjectDto,
  RevealSubjectDto,
  SearchTraceEventsDto,
  TraceCriteriaDto,
  TraceHistoryPageDto,
  TraceHistoryQueryDto,
  TraceHistoryService,
  traceCaseOf,
  traceCriteriaOf,
  TraceRequester,
  TraceRevealService,
  TraceSearchPageDto,
  TraceSearchService,
  TraceTimelineService,
} from '@app/trace';

const CASE_RULE = 'caseReference and purpose are required: without either the request is refused with 400 naming the missing field.';
const AUDITED = 'Recorded in the security log (who, when, case reference, purpose, criteria with personal IDs as keyed hashes, row count).';

/** Auditors' tracing (docs/trace.md): who looked up whom, when, from where, for which dossier. */
@ApiTags('trace')
@Controller('v1/trace')
export class TraceController {
  constructor(
    private readonly search: TraceSearchService,
    private readonly timelines: TraceTimelineService,
    private readonly reveals: TraceRevealService,
    private readonly history: TraceHistoryService,
  ) {}

  @Get('history')
  @NoStore()
  @RequirePermission(Permission.AUDIT_SEARCH)
  @ApiOperation({
    summary: "The caller's own tracing, newest first: each search, timeline, export and reveal as the security log recorded it",
    description: 'Only the signed-in user\'s own entries (case reference, purpose, criteria with citizens as keyed hashes, row count); admins read everyone\'s in GET /v1/security-log. No case reference needed: it reads no citizen data.',
  })
  @ApiOkResponse({ type: TraceHistoryPageDto })
  mine(@Query() q: TraceHistoryQueryDto, @CurrentPrincipal() principal: Principal): Promise<TraceHistoryPageDto> {
    if (principal.kind !== 'user') throw new DomainException(ErrorCode.FORBIDDEN, 'Only a signed-in user has a tracing history');
    return this.history.mine(principal.userId, { limit: q.limit ?? 20, cursor: q.cursor });
  }

  @Get('events')
  @NoStore()
  @RequirePermission(Permission.AUDIT_SEARCH)
  @ApiOperation({
    summary: 'Search the stored events by any combination of criteria, newest first, by cursor',
    description:
      `${CASE_RULE} Lists are comma-separated. A citizen's personal ID is never taken in a URL: search by citizen with POST /v1/trace/search. ` +
      `The first page carries the total: exact under 5,000 events, else the planner's estimate (total.exact says which). ${AUDITED}`,
  })
  @ApiOkResponse({ type: TraceSearchPageDto })
  events(@Query() q: TraceCriteriaDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<TraceSearchPageDto> {
    return this.search.search({ case: traceCaseOf(q), criteria: traceCriteriaOf(q) }, { limit: q.limit ?? 50, cursor: q.cursor }, requester(principal, request));
  }

  @Post('search')
  @HttpCode(200)
  @NoStore()
  @RequirePermission(Permission.AUDIT_SEARCH)
  @ApiOperation({
    summary: 'The same search with citizens: personal IDs in the body, hashed on arrival with every key (current and rotated)',
    description: `${CASE_RULE} The IDs are never stored, logged or put in an error. ${AUDITED}`,
  })
  @ApiOkResponse({ type: TraceSearchPageDto })
  searchEvents(@Body() dto: SearchTraceEventsDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<TraceSearchPageDto> {
    return this.search.search(
      { case: traceCaseOf(dto), subjectIds: dto.subjectIds, criteria: traceCriteriaOf(dto) },
      { limit: dto.limit ?? 50, cursor: dto.cursor },
      requester(principal, request),
    );
  }

  @Post('citizen-timeline')
  @HttpCode(200)
  @NoStore()
  @RequirePermission(Permission.AUDIT_SEARCH)
  @ApiOperation({
    summary: "A citizen's timeline: every lookup of that person by day, account, unit and dossier, with the alerts that involve them",
    description: `${CASE_RULE} The personal ID goes in the body only. ${AUDITED}`,
  })
  @ApiOkResponse({ type: CitizenTimelineDto })
  citizen(@Body() dto: CitizenTimelineRequestDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<CitizenTimelineDto> {
    return this.timelines.citizen(
      { case: traceCaseOf(dto), subjectId: dto.subjectId, from: dto.from ? new Date(dto.from) : undefined, to: dto.to ? new Date(dto.to) : undefined },
      requester(principal, request),
    );
  }

  @Get('account-timeline')
  @NoStore()
  @RequirePermission(Permission.AUDIT_SEARCH)
  @ApiOperation({
    summary: "An account's timeline: activity by day against its baseline, the units of the citizens it looked up, its dossiers, alerts and lock history",
    description: `${CASE_RULE} At most 366 days. ${AUDITED}`,
  })
  @ApiOkResponse({ type: AccountTimelineDto })
  account(@Query() q: AccountTimelineQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<AccountTimelineDto> {
    return this.timelines.account({ case: traceCaseOf(q), accountId: q.accountId, from: new Date(q.from), to: new Date(q.to) }, requester(principal, request));
  }

  @Post('reveal')
  @HttpCode(200)
  @NoStore()
  // Revealing is part of tracing under a case: the revealer role is an auditor's addition, never a way in alone.
  @RequirePermission(Permission.AUDIT_SEARCH, Permission.AUDIT_REVEAL)
  @ApiOperation({
    summary: "Show one stored event's personal ID in clear, with a reason (audit:search and audit:reveal: admins, auditors with the revealer role)",
    description:
      `${CASE_RULE} A reason is required too. Only where an encrypted copy is kept (SUBJECT_ENCRYPTION_KEY): otherwise 409. ` +
      'Recorded in the security log with the reason, the event and the citizen by keyed hash, before the ID is returned.',
  })
  @ApiOkResponse({ type: RevealedSubjectDto })
  reveal(@Body() dto: RevealSubjectDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<RevealedSubjectDto> {
    return this.reveals.reveal({ case: traceCaseOf(dto), sourceSystem: dto.sourceSystem, eventId: dto.eventId, reason: dto.reason }, requester(principal, request));
  }
}

function requester(principal: Principal, request: Request): TraceRequester {
  return { actor: securityActorOf(principal), clientIp: request.ip };
}
