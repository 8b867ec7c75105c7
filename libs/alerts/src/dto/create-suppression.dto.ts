import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Scope: every field given must match; at least one is required (a suppression of everything is refused). */
export class CreateSuppressionDto {
  @ApiProperty({ example: 'Đợt cấp đổi CCCD tại xã, theo công văn 123/UBND' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  accountId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ example: 'subject_volume' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'type must be an alert type (lower-case letters, digits, _)' })
  type?: string;

  @ApiPropertyOptional({ example: 'igate' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'sourceSystem must be a source system code' })
  sourceSystem?: string;

  @ApiPropertyOptional({ description: 'Default: now' })
  @IsOptional()
  @IsDateString({ strict: true })
  validFrom?: string;

  @ApiProperty({ description: 'Required: when it stops by itself (at most 366 days after validFrom)', example: '2027-01-31T00:00:00+07:00' })
  @IsDateString({ strict: true })
  validUntil: string;
}
