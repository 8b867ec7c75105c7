import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from './page-query.dto';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListAccountCommandsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed'])
  state?: 'pending' | 'delivered' | 'failed';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  accountId?: string;
}
