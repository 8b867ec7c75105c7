import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class AcknowledgeAlertDto {
  @ApiPropertyOptional({ description: 'A note kept with the step' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  comment?: string;
}
