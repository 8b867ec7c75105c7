import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermission } from '@app/auth';
import { LookupSeriesDto, LookupSeriesQueryDto, LookupSeriesService } from '@app/detection';

/** The province's lookups day by day: the console's overview and its trend charts. */
@ApiTags('detection')
@Controller('v1/detection/lookups')
export class DetectionLookupsController {
  constructor(private readonly lookups: LookupSeriesService) {}

  @Get('daily')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({
    summary: 'Lookups of the whole province per local day, today and this month so far, with the share explained by dossiers',
    description:
      'Local days of Asia/Ho_Chi_Minh, the last `days` of them up to today (today included); a day without lookups is listed with zeros. ' +
      'Lookups and identity checks, explained as in GET /v1/detection/explained-share (counted as they are stored, from the per-account-day ' +
      'aggregates); accounts are those that made at least one lookup (each once per period). Events flagged future_time are not counted.',
  })
  @ApiOkResponse({ type: LookupSeriesDto })
  daily(@Query() q: LookupSeriesQueryDto): Promise<LookupSeriesDto> {
    return this.lookups.series(q.days);
  }
}
