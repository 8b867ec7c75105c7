import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AllowProducerKey, CurrentPrincipal, Permission, Principal, RateLimit, RequirePermission, securityActorOf } from '@app/auth';
import { InjectConfig, AppConfig } from '@app/config';
import {
  IngestEventsResultDto,
  IngestService,
  ListRejectionsQueryDto,
  RejectionPageDto,
  RejectionsService,
  recordsFromHttpBody,
  SkipStuckBatchDto,
  StuckBatchDto,
  StuckBatchService,
} from '@app/ingestion';

@ApiTags('ingest')
@Controller('v1/ingest')
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    private readonly rejections: RejectionsService,
    private readonly stuckBatches: StuckBatchService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Post('events')
  @HttpCode(200)
  @AllowProducerKey()
  @RequirePermission(Permission.INGEST_WRITE)
  @RateLimit('ingest')
  @ApiOperation({
    summary: 'Send query-log events (contract query-log-event.v1)',
    description:
      'A JSON array of events, or NDJSON (one event per line, Content-Type: application/x-ndjson). Events already stored ' +
      '(same eventId) are counted as duplicates; invalid records are rejected one by one (line, field, reason) and kept at ' +
      'GET /v1/ingest/rejections, without failing the others. A producer key sends only its own source system\'s events: ' +
      'an event of another system is rejected (source_mismatch). An eventId is unique per source system. An event later ' +
      'than its arrival plus INGEST_FUTURE_SKEW is stored and flagged future_time (it never counts as activity).',
  })
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ schema: { oneOf: [{ type: 'array', items: { type: 'object' } }, { type: 'string', description: 'NDJSON' }] } })
  @ApiOkResponse({ type: IngestEventsResultDto })
  @ApiPayloadTooLargeResponse({ description: 'More records than INGEST_MAX_RECORDS_PER_REQUEST, or a body over HTTP_BODY_LIMIT' })
  async ingestEvents(
    @Body() body: unknown,
    @Req() request: Request & { id?: string },
    @CurrentPrincipal() principal: Principal,
  ): Promise<IngestEventsResultDto> {
    const requestId = String(request.id ?? '');
    const records = recordsFromHttpBody(body, requestId, this.config.ingest.maxRecordsPerRequest);
    const outcome = await this.ingest.ingest(records, {
      source: 'http',
      origin: { requestId },
      producerSystem: principal?.kind === 'producer' ? principal.sourceSystem : undefined,
    });
    return {
      ...outcome,
      rejections: outcome.rejections.map((r) => ({
        line: r.position.source === 'http' ? r.position.line : 0,
        eventId: r.eventId,
        field: r.field,
        reason: r.reason,
        message: r.message,
      })),
    };
  }

  @Get('rejections')
  @RequirePermission(Permission.INGEST_READ)
  @ApiOperation({ summary: 'Rejected records, newest first, with counts by reason (personal IDs masked)' })
  @ApiOkResponse({ type: RejectionPageDto })
  listRejections(@Query() query: ListRejectionsQueryDto): Promise<RejectionPageDto> {
    const { limit = 50, before, ...filter } = query;
    return this.rejections.list(filter, limit, before);
  }

  @Get('stuck-batches')
  @RequirePermission(Permission.INGEST_READ)
  @ApiOperation({
    summary: 'Kafka record batches that could not be decoded, newest first: each stopped its partition until skipped',
  })
  @ApiOkResponse({ type: [StuckBatchDto] })
  listStuckBatches(): Promise<StuckBatchDto[]> {
    return this.stuckBatches.list(100);
  }

  @Post('stuck-batches/:id/skip')
  @HttpCode(200)
  @RequirePermission(Permission.INGEST_MANAGE)
  @ApiOperation({
    summary: 'Order an undecodable batch skipped (reason required; recorded in the security log)',
    description:
      'The replica that owns the partition moves past the batch within seconds and the partition resumes. Its events are ' +
      'not stored: have the producer send them again. Ordering twice keeps the first order.',
  })
  @ApiOkResponse({ type: StuckBatchDto })
  skipStuckBatch(
    @Param('id') id: string,
    @Body() dto: SkipStuckBatchDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StuckBatchDto> {
    return this.stuckBatches.orderSkip(id, securityActorOf(principal), dto.reason, request.ip);
  }
}
