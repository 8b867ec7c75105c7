import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ScanDetectionDto {
  @ApiProperty({ example: '2026-11-01', description: 'First local day (Vietnam) to scan' })
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last local day to scan (days not yet over are skipped)' })
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ default: false, description: "First rebuild the period's per-account-day aggregate from the store" })
  @IsOptional()
  @IsBoolean()
  rebuild?: boolean;
}
