import { ApiProperty } from '@nestjs/swagger';
import { ALERT_ACTION_KINDS } from '../alert.type';

export class AlertActionDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) alertId: string | null;
  @ApiProperty({ type: String, nullable: true }) suppressionId: string | null;
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['user', 'producer', 'system'] }) actorKind: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty({ enum: ALERT_ACTION_KINDS })
  action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'before/after, comment, reason' })
  details: Record<string, unknown>;
}
