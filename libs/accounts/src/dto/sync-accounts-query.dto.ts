import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { MASS_CHANGE_TOKEN_PATTERN } from '../mass-change/mass-change.util';
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

  @ApiPropertyOptional({
    description: 'List what the sync would create, update, mark removed and lock; change nothing',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      'Full mode: the confirmationToken of a sync the mass-change check blocked; applies that plan if it is still the same',
    example: '3f1c9a0b5d2e4f6a8b7c9d0e1f2a3b4c',
  })
  @IsOptional()
  @Matches(MASS_CHANGE_TOKEN_PATTERN, {
    message: 'confirm: must be the 32-character confirmationToken of a blocked sync',
  })
  confirm?: string;
}
