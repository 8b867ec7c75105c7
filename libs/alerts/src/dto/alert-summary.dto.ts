import { ApiProperty } from '@nestjs/swagger';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class AlertSummaryDto {
  @ApiProperty({ description: 'Alerts waiting for a judgment: open or acknowledged', example: 12 }) open: number;
  @ApiProperty({ ...COUNTS, description: 'Waiting alerts by severity', example: { critical: 1, high: 4, medium: 7 } })
  openBySeverity: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'Waiting alerts by type', example: { volume_own_baseline: 9, locked_account_in_use: 3 } })
  openByType: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'Every alert by status', example: { open: 8, acknowledged: 4, resolved: 40, suppressed: 2 } })
  byStatus: Record<string, number>;
}
