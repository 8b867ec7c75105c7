import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsEnum,
  IsInt,
  IsNumberString,
  IsOptional,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SecurityEventType } from '../security-log/security-event.type';

export class ListSecurityEventsQueryDto {
  @ApiPropertyOptional({ enum: SecurityEventType })
  @IsOptional()
  @IsEnum(SecurityEventType, {
    message: `type must be one of ${Object.values(SecurityEventType).join(', ')}`,
  })
  type?: SecurityEventType;

  @ApiPropertyOptional({ description: 'Username (or source system of a key) that acted' })
  @IsOptional()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ description: 'From this time (inclusive, ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Before this time (exclusive, ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsNumberString({ no_symbols: true }, { message: 'cursor must be the nextCursor of a previous page' })
  @MaxLength(19)
  cursor?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}
