import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class AlertIdParamDto {
  @ApiProperty({ example: '42' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'id must be the numeric id of an alert' })
  id: string;
}
