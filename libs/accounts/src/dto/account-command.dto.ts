import { ApiProperty } from '@nestjs/swagger';

export class AccountCommandDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: ['lock', 'unlock'] }) action: string;
  @ApiProperty() reason: string;
  @ApiProperty() actor: string;
  @ApiProperty({ description: 'Sent as the Idempotency-Key header and in the message' })
  idempotencyKey: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) state: string;
  @ApiProperty() attempts: number;
  @ApiProperty() nextAttemptAt: Date;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: Date }) kafkaDeliveredAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) webhookDeliveredAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) deliveredAt: Date | null;
  @ApiProperty() createdAt: Date;
}
