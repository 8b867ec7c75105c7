import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from '../report-delivery.type';
import { ReportIdParamDto } from '../../dto/report-id-param.dto';

const DELIVERY_ID = /^[1-9]\d{0,17}$/;

export class ReportDeliveryParamDto extends ReportIdParamDto {
  @ApiProperty({ example: '41' })
  @Matches(DELIVERY_ID, { message: 'deliveryId must be the numeric id of a delivery' })
  deliveryId: string;
}

export class UrgentNoticeDeliveryParamDto {
  @ApiProperty({ example: '41' })
  @Matches(DELIVERY_ID, { message: 'deliveryId must be the numeric id of a delivery' })
  deliveryId: string;
}

export class ListUrgentNoticesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'Only the deliveries of this status (failed: those to retry by hand)' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}
