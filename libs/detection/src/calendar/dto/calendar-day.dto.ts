import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CalendarDayDto {
  @ApiProperty({ example: '2026-04-27' })
  day: string;

  @ApiProperty({ enum: ['working', 'day_off'] })
  kind: string;

  @ApiProperty({ example: 'Nghỉ bù Giỗ Tổ Hùng Vương' })
  name: string;

  @ApiProperty({ enum: ['rule', 'admin'], description: 'rule: computed (Labour Code 2019 art. 112); admin: declared, overriding the rule' })
  source: string;

  @ApiPropertyOptional({ description: 'The computed holiday an admin declaration overrides on that day' })
  overrides?: string;

  @ApiPropertyOptional()
  reason?: string;

  @ApiPropertyOptional({ example: 'user:admin' })
  updatedBy?: string;

  @ApiPropertyOptional()
  updatedAt?: Date;
}
