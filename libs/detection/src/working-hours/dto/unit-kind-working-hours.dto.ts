import { ApiProperty } from '@nestjs/swagger';
import { WeeklyScheduleDto } from './weekly-schedule.dto';

export class UnitKindWorkingHoursDto {
  @ApiProperty({ example: 'one_stop_saturday' })
  unitKind: string;

  @ApiProperty({ enum: ['config', 'admin'], description: "config: config/working-hours.json; admin: set by API, over the file's" })
  source: string;

  @ApiProperty({ type: WeeklyScheduleDto })
  schedule: WeeklyScheduleDto;
}
