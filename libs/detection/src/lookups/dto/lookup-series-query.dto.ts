import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_SERIES_DAYS = 366;

export class LookupSeriesQueryDto {
  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: MAX_SERIES_DAYS, example: 90, description: 'Local days up to today, today included' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1)
  @Max(MAX_SERIES_DAYS)
  days?: number;
}
