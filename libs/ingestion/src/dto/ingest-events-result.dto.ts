import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RejectionReason } from '../validation/rejection-reason.constant';

export class RejectedLineDto {
  @ApiProperty({ description: 'Line of the NDJSON body, or 1-based position in the JSON array', example: 7 })
  line: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'eventId, when it could be read (digit runs masked)' })
  eventId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The field at fault (null when the whole record is)', example: 'subjectId' })
  field: string | null;

  @ApiProperty({ enum: RejectionReason, description: 'Reason code' })
  reason: RejectionReason;

  @ApiProperty({ description: 'What is wrong, in words', example: 'subjectId: must be 12 digits' })
  message: string;
}

export class IngestEventsResultDto {
  @ApiProperty({ description: 'Events stored by this request' })
  accepted: number;

  @ApiProperty({ description: 'Events already stored before (same eventId): not stored again' })
  duplicates: number;

  @ApiProperty({ description: 'Records rejected; each is listed in rejections and kept at GET /v1/ingest/rejections' })
  rejected: number;

  @ApiProperty({ type: [RejectedLineDto] })
  rejections: RejectedLineDto[];
}
