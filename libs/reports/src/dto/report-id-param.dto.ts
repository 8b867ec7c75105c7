import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ReportIdParamDto {
  @ApiProperty({ example: '12' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'id must be the numeric id of a report' })
  id: string;
}
