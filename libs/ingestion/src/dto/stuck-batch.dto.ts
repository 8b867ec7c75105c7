import { ApiProperty } from '@nestjs/swagger';

/** A Kafka record batch that could not be decoded: where it is, what failed, and who ordered it skipped. */
export class StuckBatchDto {
  @ApiProperty() id: string;
  @ApiProperty() topic: string;
  @ApiProperty() partition: number;
  @ApiProperty({ description: 'Offset of its first record (as a string: Kafka offsets are 64-bit)' }) firstOffset: string;
  @ApiProperty() lastOffset: string;
  @ApiProperty() recordCount: number;
  @ApiProperty({ enum: ['gzip', 'snappy', 'lz4', 'zstd'] }) codec: string;
  @ApiProperty({ description: "The decoder's error" }) error: string;
  @ApiProperty({ description: 'Size of the compressed records; the bytes themselves are not kept (they may hold personal IDs)' })
  compressedBytes: number;
  @ApiProperty({ description: 'SHA-256 of the compressed records, to match a copy taken from the broker' }) sha256: string;
  @ApiProperty() detectedAt: Date;
  @ApiProperty() lastDetectedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) skipRequestedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'user:<name> or system:cli' }) skipRequestedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) skipReason: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'When the consumer moved past it' }) skippedAt: Date | null;
}
