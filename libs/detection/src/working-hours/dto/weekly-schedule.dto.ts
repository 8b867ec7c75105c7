import { ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { PERIOD_PATTERN } from '../weekly-schedule.type';

const PERIODS: ApiPropertyOptions = { type: [String], example: ['07:30-11:30', '13:30-17:00'], description: 'Opening periods HH:MM-HH:MM, in order' };
const MESSAGE = { each: true, message: 'each period must be HH:MM-HH:MM, e.g. 07:30-11:30' };

/** Days absent or empty are closed. */
export class WeeklyScheduleDto {
  @ApiPropertyOptional(PERIODS) @IsOptional() @IsArray() @ArrayMaxSize(6) @Matches(PERIOD_PATTERN, MESSAGE) mon?: string[];
  @ApiPropertyOptional(PERIODS) @IsOptional() @IsArray() @ArrayMaxSize(6) @Matches(PERIOD_PATTERN, MESSAGE) tue?: string[];
  @ApiPropertyOptional(PERIODS) @IsOptional() @IsArray() @ArrayMaxSize(6) @Matches(PERIOD_PATTERN, MESSAGE) wed?: string[];
  @ApiPropertyOptional(PERIODS) @IsOptional() @IsArray() @ArrayMaxSize(6) @Matches(PERIOD_PATTERN, MESSAGE) thu?: string[];
  @ApiPropertyOptional(PERIODS) @IsOptional() @IsArray() @ArrayMaxSize(6) @Matches(PERIOD_PATTERN, MESSAGE) fri?: string[];
  @ApiPropertyOptional(PERIODS) @IsOptional() @IsArray() @ArrayMaxSize(6) @Matches(PERIOD_PATTERN, MESSAGE) sat?: string[];
  @ApiPropertyOptional(PERIODS) @IsOptional() @IsArray() @ArrayMaxSize(6) @Matches(PERIOD_PATTERN, MESSAGE) sun?: string[];
}
