import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9._@:-]{1,128}$/;
export const EXPLAINED_GROUPS = ['account', 'unit', 'sourceSystem', 'day'] as const;
export type ExplainedGroupBy = (typeof EXPLAINED_GROUPS)[number];

export class ExplainedShareQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First local day (Vietnam)' })
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last local day (at most 366 days after from)' })
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  @ApiProperty({ enum: EXPLAINED_GROUPS, description: 'One figure per account, unit, source system or local day' })
  @IsIn(EXPLAINED_GROUPS)
  groupBy: ExplainedGroupBy;

  @ApiPropertyOptional({ description: 'Only this account (not with groupBy=sourceSystem or a sourceSystem filter)' })
  @IsOptional()
  @Matches(CODE)
  accountId?: string;

  @ApiPropertyOptional({ example: '000.00.10.H52' })
  @IsOptional()
  @Matches(CODE)
  unitCode?: string;

  @ApiPropertyOptional({ example: 'igate', description: 'Only lookups made through this source system (not with groupBy=account or accountId)' })
  @IsOptional()
  @Matches(CODE)
  sourceSystem?: string;

  @ApiPropertyOptional({ default: 100, description: 'At most this many groups (days in order; others least explained first)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
