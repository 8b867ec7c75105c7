import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '@app/accounts';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';
import {
  PutUnitNetworksDto,
  PutWorkingHoursDto,
  UNIT_CODE_PATTERN,
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
@Controller('v1/detection/units/:unitCode')
export class DetectionUnitsController {
  constructor(
    private readonly workingHours: WorkingHoursService,
    private readonly networks: UnitNetworksAdminService,
  ) {}

  @Get('working-hours')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: "The unit's working hours, and whether they are its own, its kind's or the default" })
  @ApiOkResponse({ type: WorkingHoursDto })
  getWorkingHours(@Param('unitCode') unitCode: string): Promise<WorkingHoursDto> {
    return this.workingHours.get(checkUnitCode(unitCode));
  }

  @Put('working-hours')
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

  @Get('networks')
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({ summary: "The unit's registered networks (CIDRs)" })
  @ApiOkResponse({ type: [UnitNetworkDto] })
  getNetworks(@Param('unitCode') unitCode: string): Promise<UnitNetworkDto[]> {
    return this.networks.list(checkUnitCode(unitCode));
  }

  @Put('networks')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: "Replace the unit's registered networks",
    description: 'IPv4 and IPv6 CIDRs, or single addresses; stored in canonical form. A network with host bits set (10.12.3.4/16) is refused with the network it would be.',
  })
  @ApiOkResponse({ type: [UnitNetworkDto] })
  putNetworks(@Param('unitCode') unitCode: string, @Body() dto: PutUnitNetworksDto, @CurrentPrincipal() principal: Principal): Promise<UnitNetworkDto[]> {
    return this.networks.replace(checkUnitCode(unitCode), dto.networks, actorOf(principal));
  }
}
