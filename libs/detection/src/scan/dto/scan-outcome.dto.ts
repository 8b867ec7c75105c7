import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class RebuiltDto {
  @ApiProperty()
  days: number;

  @ApiProperty()
  events: number;
}

export class ScanOutcomeDto {
  @ApiProperty({ example: '2026-11-01' })
  fromDay: string;

  @ApiProperty({ example: '2026-11-30' })
  toDay: string;

  @ApiProperty({ description: 'Closed days scanned' })
  days: number;

  @ApiPropertyOptional({ type: RebuiltDto, nullable: true, description: 'The aggregate rebuild, when asked for' })
  rebuilt: RebuiltDto | null;

  @ApiProperty({ example: { volume_own_baseline: 2, unit_surge: 1 }, description: 'Findings by alert type' })
  findings: Record<string, number>;

  @ApiProperty({ description: 'Alerts created by this scan' })
  created: number;

  @ApiProperty({ description: 'Alerts that already existed and were updated (a re-scan)' })
  updated: number;

  @ApiProperty({ example: { volume: 4.2, offHours: 1.1 }, description: 'Seconds each detector took, by its settings section' })
  seconds: Record<string, number>;

  @ApiProperty({ description: 'Detectors that failed on a block, with the error (the others ran all the same)', example: [] })
  failed: { section: string; fromDay: string; toDay: string; error: string }[];
}
