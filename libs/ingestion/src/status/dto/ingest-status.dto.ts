import { ApiProperty } from '@nestjs/swagger';
import { ReasonCountDto } from '../../dto/rejection-page.dto';

export class IngestRateDto {
  @ApiProperty({ description: 'Events stored in the last 60 seconds (every transport; duplicates and rejections not counted)', example: 412 })
  lastMinute: number;

  @ApiProperty({ description: 'Events stored in the last hour', example: 18230 })
  lastHour: number;

  @ApiProperty({ description: 'lastHour / 60, one decimal: the average per minute over the hour', example: 303.8 })
  perMinuteLastHour: number;
}

export class IngestRejectionsDto {
  @ApiProperty({ example: '2026-12-01T07:15:00.000Z', description: 'Start of the window (24 hours before asOf)' })
  since: Date;

  @ApiProperty({ description: 'Records rejected in the window', example: 7 })
  total: number;

  @ApiProperty({ type: [ReasonCountDto], description: 'By reason code, most first (details at GET /v1/ingest/rejections)' })
  byReason: ReasonCountDto[];
}

export class PartitionLagDto {
  @ApiProperty({ example: 0 })
  partition: number;

  @ApiProperty({ description: 'Offset the next message written to the partition gets (high watermark)', example: '120544' })
  endOffset: string;

  @ApiProperty({ type: String, nullable: true, description: 'Offset the consumer group has committed; null before its first commit', example: '120500' })
  committedOffset: string | null;

  @ApiProperty({ description: 'Messages not yet stored: end minus committed (before a first commit: every message still held)', example: 44 })
  lag: number;
}

export class KafkaLagDto {
  @ApiProperty({ example: 'tthc.query-logs' })
  topic: string;

  @ApiProperty({ example: 'tthc-audit-ingest' })
  groupId: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Sum over the partitions; null when the broker could not be asked', example: 44 })
  totalLag: number | null;

  @ApiProperty({ type: [PartitionLagDto], description: 'Empty when the topic does not exist yet or the broker could not be asked' })
  partitions: PartitionLagDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Why the broker could not be asked (then the figures are missing, not zero)' })
  error: string | null;
}

/** GET /v1/ingest/status: whether events are coming in, for the overview and the integration page. */
export class IngestStatusDto {
  @ApiProperty({ description: 'When these figures were taken' })
  asOf: Date;

  @ApiProperty({ type: IngestRateDto })
  accepted: IngestRateDto;

  @ApiProperty({ type: Date, nullable: true, description: 'When the last event was stored (any transport); null before the first' })
  lastAcceptedAt: Date | null;

  @ApiProperty({ type: IngestRejectionsDto, description: 'Records rejected in the last 24 hours' })
  rejections: IngestRejectionsDto;

  @ApiProperty({ type: KafkaLagDto, nullable: true, description: "The consumer group's lag on the query-log topic; null when Kafka is off (KAFKA_BROKERS unset)" })
  kafka: KafkaLagDto | null;
}
