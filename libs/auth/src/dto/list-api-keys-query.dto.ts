import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

export class ListApiKeysQueryDto {
  @ApiPropertyOptional({ example: 'igate' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'sourceSystemCode must be a source system code' })
  sourceSystemCode?: string;

  @ApiPropertyOptional({ default: false, description: 'Also list revoked keys' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRevoked?: boolean;
}
