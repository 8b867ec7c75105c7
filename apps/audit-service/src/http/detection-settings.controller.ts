import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Permission, Principal, RequirePermission, securityActorOf } from '@app/auth';
import { DetectionSettingDto, DetectionSettingWithChangesDto, DetectionSettingsAdmin, DetectionSettingsPreviewDto, PreviewDetectionSettingDto, PutDetectionSettingDto } from '@app/detection';

@ApiTags('detection')
@Controller('v1/detection/settings')
export class DetectionSettingsController {
  constructor(private readonly settings: DetectionSettingsAdmin) {}

  @Get()
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: "Every detector's parameters in force, and whether they are the file's or saved by an admin" })
  @ApiOkResponse({ type: [DetectionSettingDto] })
  list(): DetectionSettingDto[] {
    return this.settings.list();
  }

  @Get(':section')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: "One detector's parameters, with the log of their changes (newest first)" })
  @ApiOkResponse({ type: DetectionSettingWithChangesDto })
  @ApiNotFoundResponse({ description: 'No detector has that section' })
  get(@Param('section') section: string): Promise<DetectionSettingWithChangesDto> {
    return this.settings.get(section);
  }

  @Post(':section/preview')
  @HttpCode(200)
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: 'Preview a change: the alerts, and the accounts, the proposed value would have raised over the last N days',
    description:
      'Runs the detector itself over the stored history twice, with the value in force and with the proposed one, and compares. ' +
      'Nothing is raised or saved. A value that is not valid answers 400 with each problem.',
  })
  @ApiOkResponse({ type: DetectionSettingsPreviewDto })
  preview(@Param('section') section: string, @Body() dto: PreviewDetectionSettingDto): Promise<DetectionSettingsPreviewDto> {
    return this.settings.preview(section, dto.value, dto.days ?? 30);
  }

  @Put(':section')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: "Save a detector's parameters (null: back to config/detection.json), with a reason",
    description: 'Applied at once on this replica and within 30 s on the others; recorded in the change log and the security log.',
  })
  @ApiOkResponse({ type: DetectionSettingDto })
  save(@Param('section') section: string, @Body() dto: PutDetectionSettingDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<DetectionSettingDto> {
    return this.settings.save(section, dto.value, dto.reason, securityActorOf(principal), request.ip);
  }
}
