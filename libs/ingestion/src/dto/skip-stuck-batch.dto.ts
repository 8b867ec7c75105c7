import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** An operator's order to move past an undecodable batch: the reason is kept with it and in the security log. */
export class SkipStuckBatchDto {
  @ApiProperty({ example: 'Batch corrupted on the broker; the gateway re-sent these events (ticket 2026-118)', minLength: 5, maxLength: 500 })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}
