import { ApiProperty } from '@nestjs/swagger';
import { SourceFlag } from '../source-system.type';

/** Flagged traffic of one system code: stored as evidence, listed for operators. */
export class SourceFlagUsageDto {
  @ApiProperty({ description: 'sourceSystem as sent by the producer', example: 'unknown-app' }) sourceSystem: string;
  @ApiProperty({ enum: SourceFlag }) flag: SourceFlag;
  @ApiProperty({ description: 'Events stored with this flag' }) eventCount: number;
  @ApiProperty({ type: [String], description: 'For undeclared_fields: the field codes outside the declared set' }) fields: string[];
  @ApiProperty() firstSeenAt: Date;
  @ApiProperty() lastSeenAt: Date;
}
