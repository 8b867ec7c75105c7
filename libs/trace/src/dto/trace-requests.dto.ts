import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { TraceCaseDto } from './trace-criteria.dto';
import { REVEAL_REASON_MAX } from '../reveal/trace-reveal.service';
import { TRACE_HISTORY_PAGE_MAX } from '../history/trace-history.service';


export class CitizenTimelineRequestDto extends TraceCaseDto {
  @ApiProperty({ description: "The citizen's personal ID (12 digits, no example given: a real one is personal data): hashed on arrival, never stored or logged" })
  @IsString()
  subjectId: string;

  @ApiPropertyOptional({ description: 'From (ISO 8601, inclusive)' })
  @IsOptional() @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'To (ISO 8601, exclusive)' })
  @IsOptional() @IsDateString({ strict: true })
  to?: string;
}

export class AccountTimelineQueryDto extends TraceCaseDto {
  @ApiProperty({ example: 'cb.tuphap.user7' })
  @IsString() @MinLength(1) @MaxLength(128)
  accountId: string;

  @ApiProperty({ description: 'From (ISO 8601, inclusive)' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ description: 'To (ISO 8601, exclusive; at most 366 days after from)' })
  @IsDateString({ strict: true })
  to: string;
}

export class RevealSubjectDto extends TraceCaseDto {
  @ApiProperty({ example: 'igate' })
  @IsString() @MinLength(1) @MaxLength(64)
  sourceSystem: string;

  @ApiProperty()
  @IsString() @MaxLength(128)
  eventId: string;

  @ApiProperty({ description: 'Why the ID must be seen in clear (kept in the security log)', maxLength: REVEAL_REASON_MAX })
  @IsString() @MaxLength(REVEAL_REASON_MAX)
  reason: string;
}

export class TraceHistoryQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: TRACE_HISTORY_PAGE_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(TRACE_HISTORY_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  // A security-log id (bigint): at most 18 digits, always below 2^63.
  @IsOptional() @Matches(/^[0-9]{1,18}$/, { message: 'cursor must be a nextCursor this API returned' })
  cursor?: string;
}
