import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermission } from '@app/auth';
import { DetectionScan, ScanDetectionDto, ScanOutcomeDto } from '@app/detection';

@ApiTags('detection')
@Controller('v1/detection/scan')
export class DetectionScanController {
  constructor(private readonly scans: DetectionScan) {}

  @Post()
  @HttpCode(200)
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: 'Run the day-level detectors over a period of closed local days',
    description:
      'Volume against the account\'s own baseline and against its peers, and units rising together. Alerts are keyed by type, account ' +
      '(or unit) and day, so scanning again updates them instead of adding any. rebuild first rebuilds the aggregate from the store.',
  })
  @ApiOkResponse({ type: ScanOutcomeDto })
  scan(@Body() dto: ScanDetectionDto): Promise<ScanOutcomeDto> {
    return this.scans.scan(dto.from, dto.to, { rebuild: dto.rebuild });
  }
}
