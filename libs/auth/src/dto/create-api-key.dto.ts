import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'igate', description: 'The registered source system the key belongs to' })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: 'sourceSystemCode must be a source system code (lower-case letters, digits, . _ -)',
  })
  sourceSystemCode: string;

  @ApiProperty({ example: 'iGate production ingest', description: 'What the key is for, to tell keys apart' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    description: 'When the key stops working (default: AUTH_API_KEY_TTL from now)',
    example: '2027-06-30T00:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  expiresAt?: string;
}
