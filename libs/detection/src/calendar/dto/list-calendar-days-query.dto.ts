import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class ListCalendarDaysQueryDto {
  @ApiProperty({ description: 'Solar year', example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(1976)
  @Max(2199)
  year: number;
}
