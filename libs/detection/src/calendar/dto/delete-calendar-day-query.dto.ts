import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class DeleteCalendarDayQueryDto {
  @ApiProperty({ description: 'Why the declared day is removed (kept in the change log)', example: 'Nhập nhầm ngày' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
