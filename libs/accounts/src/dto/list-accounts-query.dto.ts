import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from './page-query.dto';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListAccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'locked'] })
  @IsOptional()
  @IsIn(['active', 'locked'])
  state?: 'active' | 'locked';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Active accounts whose idle lock falls within this many days, soonest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  lockDueWithinDays?: number;

  @ApiPropertyOptional({ description: 'Part of the account id or name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
