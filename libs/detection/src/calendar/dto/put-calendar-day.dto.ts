import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { CalendarDayKind } from '../calendar-day.type';

export class PutCalendarDayDto {
  @ApiProperty({
    enum: ['working', 'day_off'],
    description: 'working: a make-up working day (ngày làm bù), or a computed holiday cancelled; day_off: a swapped or extra day off (ngày nghỉ bù)',
  })
  @IsIn(['working', 'day_off'])
  kind: CalendarDayKind;

  @ApiProperty({ description: 'What users call the day', example: 'Làm bù ngày 2/1/2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'Why, e.g. the decision that set it', example: 'Thông báo 6150/TB-BNV về lịch nghỉ Tết 2026' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
