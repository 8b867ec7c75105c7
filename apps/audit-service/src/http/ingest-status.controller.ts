import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermission } from '@app/auth';
import { IngestStatusDto, IngestStatusService } from '@app/ingestion';

/** Ingest health as operators and the overview read it. */
@ApiTags('ingest')
@Controller('v1/ingest')
export class IngestStatusController {
  constructor(private readonly ingestStatus: IngestStatusService) {}

  @Get('status')
  @RequirePermission(Permission.INGEST_READ)
  @ApiOperation({
    summary: 'Ingest health: events stored in the last minute and hour, the last one, rejections of the last 24 hours, Kafka lag',
    description:
      'Counted from the database, so for every replica and transport: events stored (duplicates and rejected records not counted) by the ' +
      "time their batch was stored, and rejected records by reason. With Kafka on, the ingest consumer group's lag per partition of the " +
      'query-log topic, asked of the broker (committed offset against the end of each partition; at most 5 s, else `kafka.error` says why). ' +
      'For this replica alone: /health/ready and the metrics.',
  })
  @ApiOkResponse({ type: IngestStatusDto })
  status(): Promise<IngestStatusDto> {
    return this.ingestStatus.status();
  }
}
