import { ApiProperty } from '@nestjs/swagger';
import { IDLE_BASES } from '../idle-policy.util';

export class AccountDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ nullable: true, type: String }) fullName: string | null;
  @ApiProperty({ nullable: true, type: String }) unitCode: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ enum: ['person', 'service'] }) accountType: string;
  @ApiProperty({ nullable: true, enum: ['active', 'transferred', 'retired', 'suspended'] }) directoryStatus:
    string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ description: 'In the latest directory export' }) inDirectory: boolean;
  @ApiProperty({ nullable: true, type: Date }) removedAt: Date | null;
  @ApiProperty({ description: 'When the service first knew the account (directory or events)' })
  firstSeenAt: Date;
  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      'When a directory sync after the initial load first listed the account: it did not exist before, so the idle count starts there at the earliest',
  })
  listedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'Latest event of the account seen by the service' })
  lastActivityAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) directoryLastLoginAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) directoryCreatedAt: Date | null;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'Start of the grace period given by the last unlock',
  })
  graceFrom: Date | null;
  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      'What the idle lock counts from: the latest of activity, directory sign-in, creation, first listing and grace start, never before observationStart unless the directory sign-in is known. Null: no evidence (no logs and no directory sign-in), never due',
  })
  idleSince: Date | null;
  @ApiProperty({
    enum: IDLE_BASES,
    description:
      'Which fact idleSince is: activity (the latest event), directory_last_login, unlock_grace, listed, directory_created, observation_start (nothing later is known: counted from the start of the logs), no_evidence',
  })
  idleBasis: string;
  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      "From when the service has the gateway's logs: ACCOUNT_OBSERVATION_START, else the earliest stored event; null: no logs yet",
  })
  observationStart: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-11-24',
    description: 'Local date on which the idle lock falls due; null: never (no evidence)',
  })
  lockDueOn: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 12,
    description: 'Days from today (local) to lockDueOn: 0 locks tonight, negative is overdue (the next run locks it); null when locked or never due',
  })
  lockDueInDays: number | null;
  @ApiProperty({ enum: ['active', 'locked'] }) state: string;
  @ApiProperty({ nullable: true, type: Date }) stateChangedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ['idle', 'directory_status', 'removed_from_directory', 'manual'] })
  lockReason: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the TTHC system received the lock' })
  lockDeliveredAt: Date | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Directory columns beyond the contract' })
  extra: Record<string, unknown> | null;
}
