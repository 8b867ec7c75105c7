import { ApiProperty } from '@nestjs/swagger';

export class ExplainedFigureDto {
  @ApiProperty({ description: 'The account, unit code, source system or local day (the total: null)', nullable: true, example: '000.00.10.H52' })
  key: string | null;

  @ApiProperty({ description: 'Lookups and identity checks' })
  lookups: number;

  @ApiProperty({ description: 'Of those, explained: a dossier of the account\'s unit, a procedure, and only the fields it needs' })
  explained: number;

  @ApiProperty()
  unexplained: number;

  @ApiProperty({ nullable: true, description: 'explained / lookups (3 decimals); null without lookups', example: 0.962 })
  share: number | null;

  @ApiProperty({ description: "Lookups returning a sensitive-class field beyond their procedure's need" })
  unneededSensitive: number;
}

export class ExplainedShareDto {
  @ApiProperty({ example: '2026-11-01' })
  from: string;

  @ApiProperty({ example: '2026-11-30' })
  to: string;

  @ApiProperty({ enum: ['account', 'unit', 'sourceSystem', 'day'] })
  groupBy: string;

  @ApiProperty({ type: ExplainedFigureDto, description: 'Every lookup the filters select' })
  total: ExplainedFigureDto;

  @ApiProperty({ description: 'How many groups there are (groups holds at most limit)' })
  groupCount: number;

  @ApiProperty({ type: [ExplainedFigureDto] })
  groups: ExplainedFigureDto[];
}
