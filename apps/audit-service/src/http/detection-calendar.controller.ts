import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '@app/accounts';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@app/auth';
import {
  CalendarDayDto,
  CalendarDaysService,
  CalendarYearDto,
  DeleteCalendarDayQueryDto,
  ListCalendarDaysQueryDto,
  PutCalendarDayDto,
} from '@app/detection';

@ApiTags('detection')
@Controller('v1/detection/calendar/days')
export class DetectionCalendarController {
  constructor(private readonly days: CalendarDaysService) {}

  @Get()
  @RequirePermission(Permission.ALERTS_READ)
  @ApiOperation({
    summary: "A year's days off and declared working days, as off-hours detection sees them",
    description:
      'Public holidays computed by rule (Labour Code 2019 art. 112, lunar ones from the Vietnamese lunar calendar, compensatory days for ' +
      'holidays on a weekend) and the days admins declared, which override the rule on their day; with the log of admins\' changes.',
  })
  @ApiOkResponse({ type: CalendarYearDto })
  list(@Query() query: ListCalendarDaysQueryDto): Promise<CalendarYearDto> {
    return this.days.list(query.year);
  }

  @Put(':day')
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({
    summary: 'Declare a day worked (make-up day, or a computed holiday cancelled) or off (swapped or extra day off)',
    description: 'The declaration replaces any earlier one on that day; who and why are logged. Applies to every unit.',
  })
  @ApiOkResponse({ type: CalendarDayDto })
  put(@Param('day') day: string, @Body() dto: PutCalendarDayDto, @CurrentPrincipal() principal: Principal): Promise<CalendarDayDto> {
    return this.days.put(day, dto.kind, dto.name, dto.reason, actorOf(principal));
  }

  @Delete(':day')
  @HttpCode(204)
  @RequirePermission(Permission.SETTINGS_WRITE)
  @ApiOperation({ summary: 'Remove a declared day (the computed calendar applies again); the reason is logged' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No day is declared on that date' })
  async remove(@Param('day') day: string, @Query() query: DeleteCalendarDayQueryDto, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.days.remove(day, query.reason, actorOf(principal));
  }
}
