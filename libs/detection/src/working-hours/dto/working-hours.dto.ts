import { ApiProperty } from '@nestjs/swagger';
import { WeeklyScheduleDto } from './weekly-schedule.dto';
import { WorkingHoursChangeDto } from './working-hours-change.dto';

export class WorkingHoursDto {
  @ApiProperty({ example: 'H56.12' })
  unitCode: string;

  @ApiProperty({ enum: ['unit', 'unit_kind', 'default'], description: "Where the schedule comes from: the unit's own, its kind's, or the default" })
  source: string;

  @ApiProperty({ type: String, nullable: true, example: 'one_stop_saturday' })
  unitKind: string | null;

  @ApiProperty({ type: WeeklyScheduleDto })
  schedule: WeeklyScheduleDto;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'user:admin' })
  updatedBy: string | null;

  @ApiProperty({ type: Date, nullable: true })
  updatedAt: Date | null;

  @ApiProperty({ type: [WorkingHoursChangeDto], description: "Every change of the unit's setting, oldest first" })
  changes: WorkingHoursChangeDto[];
}
