import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class CreateReportDto {
  @ApiProperty({ example: '2026-11-01', description: 'First local day (Vietnam) of the period, included' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date, YYYY-MM-DD' })
  from: string;

  @ApiProperty({
    example: '2026-12-01',
    description: 'The day after the period, not included: [from, to). At most 366 days after from',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date, YYYY-MM-DD' })
  to: string;
}
