import { ApiProperty } from '@nestjs/swagger';

export class SecurityEventDto {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({ example: 'sign-in.failed' }) type: string;
  @ApiProperty({ enum: ['user', 'producer', 'anonymous', 'system'] }) actorKind: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What was acted on: a username, an API key id, a route',
  })
  target: string | null;
  @ApiProperty({ type: String, nullable: true }) clientIp: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}
