import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CalendarDayChangeDto {
  @ApiProperty({ example: '2026-01-10' })
  day: string;

  @ApiProperty({ enum: ['put', 'delete'] })
  action: string;

  @ApiPropertyOptional({ enum: ['working', 'day_off'], nullable: true })
  kind: string | null;

  @ApiPropertyOptional({ nullable: true })
  name: string | null;

  @ApiProperty()
  reason: string;

  @ApiProperty({ example: 'user:admin' })
  actor: string;

  @ApiProperty()
  at: Date;
}
