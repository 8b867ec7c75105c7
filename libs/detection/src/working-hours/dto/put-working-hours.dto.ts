import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { WeeklyScheduleDto } from './weekly-schedule.dto';

/** Exactly one of unitKind and schedule. */
export class PutWorkingHoursDto {
  @ApiPropertyOptional({ description: 'Follow the hours of this kind of unit (GET /v1/detection/unit-kinds/working-hours)', example: 'one_stop_saturday' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'unitKind must be 1-64 lower-case letters, digits or _' })
  unitKind?: string;

  @ApiPropertyOptional({ type: WeeklyScheduleDto, description: "The unit's own hours" })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeeklyScheduleDto)
  schedule?: WeeklyScheduleDto;

  @ApiPropertyOptional({ description: 'Why (kept with the setting)', example: 'Quyết định 12/QĐ-UBND: tiếp nhận hồ sơ sáng thứ Bảy' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
