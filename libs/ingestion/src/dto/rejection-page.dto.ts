import { ApiProperty } from '@nestjs/swagger';

export class RejectionDto {
  @ApiProperty() id: string;
  @ApiProperty() receivedAt: Date;
  @ApiProperty({ enum: ['kafka', 'http', 'file'] }) source: string;
  @ApiProperty({ description: 'Reason code' }) reason: string;
  @ApiProperty({ type: String, nullable: true }) field: string | null;
  @ApiProperty({ description: 'What is wrong, in words' }) message: string;
  @ApiProperty({ type: String, nullable: true }) eventId: string | null;
  @ApiProperty({
    description: 'Where the record came from: {topic, partition, offset} | {requestId, line} | {file, line}',
    type: 'object',
    additionalProperties: true,
  })
  origin: Record<string, unknown>;
  @ApiProperty({ description: 'The record as received, personal IDs masked' }) raw: string;
}

export class ReasonCountDto {
  @ApiProperty() reason: string;
  @ApiProperty() count: number;
}

export class RejectionPageDto {
  @ApiProperty({ type: [RejectionDto] }) items: RejectionDto[];
  @ApiProperty({ type: [ReasonCountDto], description: 'Counts by reason for the same filter (all pages)' }) countsByReason: ReasonCountDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as before= for the next page' }) nextCursor: string | null;
}
