import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Body of a manual lock or an unlock: the reason is required and kept in the history. */
export class ChangeLockStateDto {
  @ApiProperty({ example: 'Chuyển công tác theo Quyết định số 123/QĐ-UBND', minLength: 5, maxLength: 500 })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}
