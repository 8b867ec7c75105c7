import { ApiProperty } from '@nestjs/swagger';

export class AlertActionDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) alertId: string | null;
  @ApiProperty({ type: String, nullable: true }) suppressionId: string | null;
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['user', 'producer', 'system'] }) actorKind: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty({
    enum: ['raised', 'updated', 'suppressed', 'acknowledged', 'assigned', 'commented', 'resolved', 'reopened', 'suppression_created', 'suppression_revoked'],
  })
  action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'before/after, comment, reason' })
  details: Record<string, unknown>;
}
