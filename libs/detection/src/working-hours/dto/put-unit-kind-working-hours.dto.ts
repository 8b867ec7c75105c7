import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { WeeklyScheduleDto } from './weekly-schedule.dto';

export class PutUnitKindWorkingHoursDto {
  @ApiProperty({ type: WeeklyScheduleDto, description: 'The hours of every unit of this kind (that has no schedule of its own)' })
  @IsDefined()
  @ValidateNested()
  @Type(() => WeeklyScheduleDto)
  schedule: WeeklyScheduleDto;

  @ApiPropertyOptional({ description: 'Why (kept in the change log)', example: 'Quyết định 45/QĐ-UBND về giờ làm việc mùa hè' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
