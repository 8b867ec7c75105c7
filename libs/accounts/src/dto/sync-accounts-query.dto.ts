import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { DirectorySyncMode } from '../directory/directory-sync.service';

export class SyncAccountsQueryDto {
  @ApiPropertyOptional({
    enum: ['full', 'delta'],
    default: 'delta',
    description:
      'full: the body is the whole directory (accounts absent from it are marked removed and locked); delta: only changes',
  })
  @IsOptional()
  @IsIn(['full', 'delta'])
  mode?: DirectorySyncMode;
}
