import { ApiProperty } from '@nestjs/swagger';

export class RejectedDirectoryRecordDto {
  @ApiProperty({
    description: 'Line of the record (NDJSON, CSV: the header is line 1) or its position in a JSON array',
  })
  line?: number;

  @ApiProperty({ required: false, description: 'The field at fault, when one is' })
  field?: string;

  @ApiProperty({ example: 'status: must be one of active, transferred, retired, suspended' })
  message: string;
}

export class LockedBySyncDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: ['directory_status', 'removed_from_directory'] }) reason: string;
}

export class DirectorySyncResultDto {
  @ApiProperty({ enum: ['full', 'delta'] }) mode: string;
  @ApiProperty({ description: 'Records read, valid or not' }) received: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [String], description: 'Full mode: accounts of earlier exports absent from this one' })
  removed: string[];
  @ApiProperty({ type: [LockedBySyncDto], description: 'Accounts locked by this sync, within the request' })
  locked: LockedBySyncDto[];
  @ApiProperty({ type: [RejectedDirectoryRecordDto] }) rejected: RejectedDirectoryRecordDto[];
}
