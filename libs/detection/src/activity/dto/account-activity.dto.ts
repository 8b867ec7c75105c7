import { ApiProperty } from '@nestjs/swagger';

/** The account's own bound that day, as the volume detector computes it (volume.ownBaseline). */
export class ActivityBaselineDto {
  @ApiProperty({ description: 'Median lookups of the baseline days' }) median: number;
  @ApiProperty({ description: 'Median absolute deviation of those days (unscaled)' }) mad: number;
  @ApiProperty({ description: 'The bound a day must exceed to be raised: max(median + k * MAD * 1.4826, multiple * median, floor)' })
  threshold: number;
  @ApiProperty({ description: 'How many working days made the baseline' }) days: number;
}

/** The peers the volume detector compares the account's day with (volume.peers). */
export class ActivityPeersDto {
  @ApiProperty({ enum: ['unit_role', 'unit_kind_role'], description: 'Same unit and role, else same kind of unit and role' })
  group: string;
  @ApiProperty({ description: 'How many peers looked something up that day' }) count: number;
  @ApiProperty({ description: 'Their median lookups that day' }) median: number;
}

export class AccountActivityDayDto {
  @ApiProperty({ example: '2026-11-09', description: 'Local day (Asia/Ho_Chi_Minh)' }) day: string;
  @ApiProperty({ description: "A working day of the account's unit (only working days make baselines)" }) workingDay: boolean;
  @ApiProperty() lookups: number;
  @ApiProperty({ description: 'Distinct citizens looked up' }) subjects: number;
  @ApiProperty({ description: 'Lookups explained by a dossier of the unit, a procedure and the fields it needs' }) explained: number;
  @ApiProperty({
    type: ActivityBaselineDto,
    nullable: true,
    description: 'Null: fewer baseline days than volume.ownBaseline.minHistoryDays (the account is then judged against its peers only)',
  })
  baseline: ActivityBaselineDto | null;
  @ApiProperty({ type: ActivityPeersDto, nullable: true, description: 'Null: a service account, or fewer peers than volume.peers.minPeers' })
  peers: ActivityPeersDto | null;
}

export class AccountActivityTotalsDto {
  @ApiProperty() lookups: number;
  @ApiProperty() explained: number;
  @ApiProperty({ type: Number, nullable: true, description: 'explained / lookups, 3 decimals; null without lookups' }) explainedShare: number | null;
  @ApiProperty({ description: 'Days whose lookups exceeded their baseline threshold' }) daysAboveBaseline: number;
}

export class AccountActivityDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ example: '2026-10-01' }) from: string;
  @ApiProperty({ example: '2026-11-29' }) to: string;
  @ApiProperty({ type: [AccountActivityDayDto], description: 'Every day of the period, in order (a day without lookups counts 0)' })
  days: AccountActivityDayDto[];
  @ApiProperty({ type: AccountActivityTotalsDto }) totals: AccountActivityTotalsDto;
}
