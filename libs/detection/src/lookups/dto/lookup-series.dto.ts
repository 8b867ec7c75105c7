import { ApiProperty } from '@nestjs/swagger';

export class LookupFigureDto {
  @ApiProperty({ description: 'Lookups and identity checks', example: 36912 })
  lookups: number;

  @ApiProperty({ description: "Of those, explained: a dossier of the account's unit, a procedure, and only the fields it needs", example: 35510 })
  explained: number;

  @ApiProperty({ type: Number, nullable: true, description: 'explained / lookups (3 decimals); null without lookups', example: 0.962 })
  share: number | null;

  @ApiProperty({ description: 'Accounts that made at least one lookup (each once)', example: 812 })
  accounts: number;
}

export class LookupDayDto extends LookupFigureDto {
  @ApiProperty({ example: '2026-12-01', description: 'Local day (Asia/Ho_Chi_Minh)' })
  day: string;
}

export class LookupPeriodDto extends LookupFigureDto {
  @ApiProperty({ example: '2026-12-01', description: 'First local day' })
  from: string;

  @ApiProperty({ example: '2026-12-02', description: 'Last local day (today)' })
  to: string;
}

export class LookupSeriesDto {
  @ApiProperty({ example: '2026-11-03', description: 'First day of the series' })
  from: string;

  @ApiProperty({ example: '2026-12-02', description: 'Last day of the series: today, in Vietnam' })
  to: string;

  @ApiProperty({ type: LookupPeriodDto, description: 'Today so far' })
  today: LookupPeriodDto;

  @ApiProperty({ type: LookupPeriodDto, description: 'This calendar month so far (from its first day to today)' })
  month: LookupPeriodDto;

  @ApiProperty({ type: [LookupDayDto], description: 'Every day of the series, oldest first; a day without lookups has zeros (share null)' })
  days: LookupDayDto[];
}
