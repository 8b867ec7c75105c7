import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ALERT_OUTCOMES, AlertOutcome } from '../alert.type';

export class ResolveAlertDto {
  @ApiProperty({ enum: ALERT_OUTCOMES, description: 'true_positive: misuse; false_positive: the rule was wrong; expected: legitimate and known' })
  @IsIn(ALERT_OUTCOMES, { message: `outcome must be one of ${ALERT_OUTCOMES.join(', ')}` })
  outcome: AlertOutcome;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  comment?: string;
}
