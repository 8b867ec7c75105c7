import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class DeleteWorkingHoursQueryDto {
  @ApiProperty({ description: "Why the unit's own setting is removed (kept in the change log)", example: 'Đơn vị sáp nhập' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
