import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ReportIdParamDto } from '../../dto/report-id-param.dto';

export class ReportDeliveryParamDto extends ReportIdParamDto {
  @ApiProperty({ example: '41' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'deliveryId must be the numeric id of a delivery' })
  deliveryId: string;
}
