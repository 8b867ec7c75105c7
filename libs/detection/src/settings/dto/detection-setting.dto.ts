import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DetectionSettingDto {
  @ApiProperty({ example: 'volume', description: "The detector's section of config/detection.json" })
  section: string;

  @ApiProperty({ type: [String], example: ['volume_own_baseline', 'volume_peers', 'unit_surge'] })
  types: string[];

  @ApiProperty({ description: "In force: the saved value over the file's, key by key, or the file's", type: Object })
  value: unknown;

  @ApiProperty({ enum: ['file', 'saved'] })
  source: 'file' | 'saved';

  @ApiProperty({ description: 'config/detection.json\'s value (what a reset goes back to)', type: Object })
  fileValue: unknown;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'user:admin' })
  changedBy: string | null;

  @ApiPropertyOptional({ type: Date, nullable: true })
  changedAt: Date | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  reason: string | null;
}

class DetectionSettingChangeDto {
  @ApiProperty() id: string;
  @ApiProperty() section: string;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'null: reset to the file' }) value: unknown;
  @ApiProperty() reason: string;
  @ApiProperty({ example: 'user:admin' }) changedBy: string;
  @ApiProperty() at: Date;
}

export class DetectionSettingWithChangesDto extends DetectionSettingDto {
  @ApiProperty({ type: [DetectionSettingChangeDto], description: 'Newest first' })
  changes: DetectionSettingChangeDto[];
}

class PreviewSideDto {
  @ApiProperty() alerts: number;
  @ApiProperty() accounts: number;
  @ApiProperty({ example: { volume_own_baseline: 3 } }) byType: Record<string, number>;
  @ApiProperty({ example: { medium: 2, high: 1 } }) bySeverity: Record<string, number>;
}

class PreviewAlertDto {
  @ApiProperty() type: string;
  @ApiProperty() severity: string;
  @ApiProperty({ type: [String] }) accountIds: string[];
  @ApiPropertyOptional({ nullable: true }) unitCode: string | null;
  @ApiProperty() windowStart: Date;
  @ApiProperty() windowEnd: Date;
}

export class DetectionSettingsPreviewDto {
  @ApiProperty() section: string;
  @ApiProperty({ example: '2026-11-01' }) fromDay: string;
  @ApiProperty({ example: '2026-11-30' }) toDay: string;
  @ApiProperty({ type: PreviewSideDto, description: 'What the value in force raises over those days' }) current: PreviewSideDto;
  @ApiProperty({ type: PreviewSideDto, description: 'What the proposed value would raise' }) proposed: PreviewSideDto;
  @ApiProperty({ type: [PreviewAlertDto], description: 'Alerts only the proposed value raises (at most 200 listed)' }) added: PreviewAlertDto[];
  @ApiProperty({ type: [PreviewAlertDto], description: 'Alerts only the value in force raises' }) removed: PreviewAlertDto[];
  @ApiProperty({ type: [String] }) accountsAdded: string[];
  @ApiProperty({ type: [String] }) accountsRemoved: string[];
}
