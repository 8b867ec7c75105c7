import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AllowProducerKey, CurrentPrincipal, Permission, Principal, RateLimit, RequirePermission } from '@app/auth';
import { InjectConfig, AppConfig } from '@app/config';
import {
  IngestEventsResultDto,
  IngestService,
  ListRejectionsQueryDto,
  RejectionPageDto,
  RejectionsService,
  recordsFromHttpBody,
} from '@app/ingestion';

@ApiTags('ingest')
@Controller('v1/ingest')
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    private readonly rejections: RejectionsService,
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
      'GET /v1/ingest/rejections, without failing the others. An event whose sourceSystem is not the producer key\'s is ' +
      'stored and flagged source_mismatch.',
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
}
