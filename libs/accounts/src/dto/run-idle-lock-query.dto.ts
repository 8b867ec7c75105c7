import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { MASS_CHANGE_TOKEN_PATTERN } from '../mass-change/mass-change.util';

export class RunIdleLockQueryDto {
  @ApiPropertyOptional({
    description:
      'List the accounts the run would lock, with what their idle count starts from; change nothing',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      'The confirmationToken of a run the mass-change check blocked: applies that plan if it is still the same',
    example: '3f1c9a0b5d2e4f6a8b7c9d0e1f2a3b4c',
  })
  @IsOptional()
  @Matches(MASS_CHANGE_TOKEN_PATTERN, {
    message: 'confirm: must be the 32-character confirmationToken of a blocked run',
  })
  confirm?: string;
}
