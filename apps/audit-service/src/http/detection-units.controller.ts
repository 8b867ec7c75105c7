import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '@app/accounts';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';
import {
  DeleteWorkingHoursQueryDto,
  PutUnitKindWorkingHoursDto,
  PutUnitNetworksDto,
  PutWorkingHoursDto,
  UNIT_CODE_PATTERN,
  UnitKindWorkingHoursDto,
  UnitNetworkDto,
  UnitNetworksAdminService,
  WeeklySchedule,
  WorkingHoursDto,
  WorkingHoursService,
} from '@app/detection';

const checkUnitCode = (unitCode: string): string => {
  if (!UNIT_CODE_PATTERN.test(unitCode)) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'unitCode must be 1-64 letters, digits, . _ -', [{ field: 'unitCode', message: 'not a unit code' }]);
  }
  return unitCode;
};

@ApiTags('detection')
@Controller('v1/detection')
export class DetectionUnitsController {
  constructor(
    private readonly workingHours: WorkingHoursService,
    private readonly networks: UnitNetworksAdminService,
  ) {}

  @Get('units/:unitCode/working-hours')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: "The unit's working hours, and whether they are its own, its kind's or the default" })
  @ApiOkResponse({ type: WorkingHoursDto })
  getWorkingHours(@Param('unitCode') unitCode: string): Promise<WorkingHoursDto> {
    return this.workingHours.get(checkUnitCode(unitCode));
  }

  @Put('units/:unitCode/working-hours')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: "Set the unit's working hours: a kind of unit (e.g. one_stop_saturday) or its own weekly schedule",
    description: 'Exactly one of unitKind and schedule. Periods are local time (Asia/Ho_Chi_Minh); a gap between two periods is the lunch break.',
  })
  @ApiOkResponse({ type: WorkingHoursDto })
  putWorkingHours(@Param('unitCode') unitCode: string, @Body() dto: PutWorkingHoursDto, @CurrentPrincipal() principal: Principal): Promise<WorkingHoursDto> {
    const schedule = dto.schedule ? ({ ...dto.schedule } as WeeklySchedule) : undefined;
    return this.workingHours.set(checkUnitCode(unitCode), { unitKind: dto.unitKind, schedule, reason: dto.reason }, actorOf(principal));
  }

  @Get('units/:unitCode/networks')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: "The unit's registered networks (CIDRs)" })
  @ApiOkResponse({ type: [UnitNetworkDto] })
  getNetworks(@Param('unitCode') unitCode: string): Promise<UnitNetworkDto[]> {
    return this.networks.list(checkUnitCode(unitCode));
  }

  @Put('units/:unitCode/networks')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: "Replace the unit's registered networks",
    description: 'IPv4 and IPv6 CIDRs, or single addresses; stored in canonical form. A network with host bits set (10.12.3.4/16) is refused with the network it would be.',
  })
  @ApiOkResponse({ type: [UnitNetworkDto] })
  putNetworks(@Param('unitCode') unitCode: string, @Body() dto: PutUnitNetworksDto, @CurrentPrincipal() principal: Principal): Promise<UnitNetworkDto[]> {
    return this.networks.replace(checkUnitCode(unitCode), dto.networks, actorOf(principal));
  }

  @Delete('units/:unitCode/working-hours')
  @HttpCode(204)
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({ summary: "Remove the unit's own setting: it follows the default hours again; the reason is logged" })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'The unit has no setting of its own' })
  async deleteWorkingHours(@Param('unitCode') unitCode: string, @Query() query: DeleteWorkingHoursQueryDto, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.workingHours.remove(checkUnitCode(unitCode), query.reason, actorOf(principal));
  }

  @Get('unit-kinds/working-hours')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: "Kinds of unit and their hours: config/working-hours.json's, or an admin's over them" })
  @ApiOkResponse({ type: [UnitKindWorkingHoursDto] })
  listUnitKinds(): UnitKindWorkingHoursDto[] {
    return this.workingHours.listKinds();
  }

  @Put('unit-kinds/:unitKind/working-hours')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: "Set a kind of unit's hours (over the file's, or a new kind): every unit of that kind without its own schedule follows them at once",
  })
  @ApiOkResponse({ type: UnitKindWorkingHoursDto })
  putUnitKind(@Param('unitKind') unitKind: string, @Body() dto: PutUnitKindWorkingHoursDto, @CurrentPrincipal() principal: Principal): Promise<UnitKindWorkingHoursDto> {
    return this.workingHours.setKind(unitKind, { ...dto.schedule } as WeeklySchedule, dto.reason, actorOf(principal));
  }
}
