import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from './page-query.dto';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListLockWarningsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  accountId?: string;

  @ApiPropertyOptional({ description: 'Warnings created at or after this instant' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  since?: Date;
}
