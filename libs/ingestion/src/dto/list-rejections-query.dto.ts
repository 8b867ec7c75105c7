import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { REJECTION_REASONS } from '../validation/rejection-reason.constant';

export class ListRejectionsQueryDto {
  @ApiPropertyOptional({ enum: REJECTION_REASONS })
  @IsOptional()
  @IsIn(REJECTION_REASONS)
  reason?: string;

  @ApiPropertyOptional({ enum: ['kafka', 'http', 'file'] })
  @IsOptional()
  @IsIn(['kafka', 'http', 'file'])
  source?: 'kafka' | 'http' | 'file';

  @ApiPropertyOptional({ description: 'Received at or after (RFC 3339)', example: '2026-11-20T00:00:00+07:00' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'Received before (RFC 3339)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'before must be the nextCursor of a previous page' })
  before?: string;
}
