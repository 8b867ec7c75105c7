import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ReopenAlertDto {
  @ApiProperty({ description: 'Why it is reopened (kept as a comment)' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  reason: string;
}
