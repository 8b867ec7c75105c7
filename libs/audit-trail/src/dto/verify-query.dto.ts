import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class VerifyChainQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Check batches stored at or after this time (default: the first)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Check batches stored at or before this time (default: the head)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time, e.g. 2026-11-30T23:59:59Z' })
  to?: string;
}
