import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CommentAlertDto {
  @ApiProperty({ example: 'Đã gọi điện cho cán bộ, đang chờ giải trình.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  text: string;
}
