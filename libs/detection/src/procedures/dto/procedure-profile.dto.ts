import { ApiProperty } from '@nestjs/swagger';

export class ProcedureProfileDto {
  @ApiProperty({ type: [String], description: 'Fields returned by at least learnedProfile.minShare of the lookups' })
  fields: string[];

  @ApiProperty({ description: 'Lookups of the procedure in the period' })
  lookups: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { fullName: 1, religion: 0.004 } })
  fieldShares: Record<string, number>;

  @ApiProperty({ example: '2026-10-28' })
  fromDay: string;

  @ApiProperty({ example: '2026-11-26' })
  toDay: string;

  @ApiProperty()
  computedAt: Date;
}
