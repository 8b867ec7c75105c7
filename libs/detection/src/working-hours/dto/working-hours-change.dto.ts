import { ApiProperty } from '@nestjs/swagger';
import { WeeklyScheduleDto } from './weekly-schedule.dto';

export class WorkingHoursChangeDto {
  @ApiProperty({ enum: ['put', 'delete'] })
  action: string;

  @ApiProperty({ nullable: true })
  unitKind: string | null;

  @ApiProperty({ type: WeeklyScheduleDto, nullable: true })
  schedule: WeeklyScheduleDto | null;

  @ApiProperty({ nullable: true })
  reason: string | null;

  @ApiProperty({ example: 'user:admin' })
  actor: string;

  @ApiProperty()
  at: Date;
}
