import { ApiProperty } from '@nestjs/swagger';
import { CalendarDayChangeDto } from './calendar-day-change.dto';
import { CalendarDayDto } from './calendar-day.dto';

export class CalendarYearDto {
  @ApiProperty({ type: [CalendarDayDto], description: 'Every day of the year that is not an ordinary weekday or weekend' })
  days: CalendarDayDto[];

  @ApiProperty({ type: [CalendarDayChangeDto], description: "Admins' changes to the year's days, oldest first" })
  changes: CalendarDayChangeDto[];
}
