import { ApiProperty } from '@nestjs/swagger';
import { MassChangeDto } from './mass-change.dto';

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
  @ApiProperty({
    enum: ['applied', 'dry_run', 'blocked'],
    description:
      'applied: the sync was written; dry_run: nothing changed, wouldRemove and wouldLock list the plan; blocked: a full sync over the mass-change threshold, nothing changed (see massChange)',
  })
  outcome: string;
  @ApiProperty({ description: 'Records read, valid or not' }) received: number;
  @ApiProperty({
    description: 'Accounts new to the directory (on a dry run or a blocked sync: that would be)',
  })
  created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({
    type: [String],
    description: 'Full mode: accounts of earlier exports absent from this one, marked removed',
  })
  removed: string[];
  @ApiProperty({ type: [LockedBySyncDto], description: 'Accounts locked by this sync, within the request' })
  locked: LockedBySyncDto[];
  @ApiProperty({
    type: [String],
    description: 'Dry run and blocked sync: the accounts the sync would mark removed',
  })
  wouldRemove: string[];
  @ApiProperty({
    type: [LockedBySyncDto],
    description: 'Dry run and blocked sync: the accounts the sync would lock, and why',
  })
  wouldLock: LockedBySyncDto[];
  @ApiProperty({
    type: MassChangeDto,
    nullable: true,
    description:
      'Full mode: set when the plan is larger than the mass-change threshold, with the token that confirms it',
  })
  massChange: MassChangeDto | null;
  @ApiProperty({ type: [RejectedDirectoryRecordDto] }) rejected: RejectedDirectoryRecordDto[];
}
