import { ApiProperty } from '@nestjs/swagger';

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
  @ApiProperty() firstSeenAt: Date;
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
    description:
      'What the idle lock counts from: latest of activity, directory sign-in, creation, grace start',
  })
  idleSince: Date;
  @ApiProperty({ example: '2026-11-24', description: 'Local date on which the idle lock falls due' })
  lockDueOn: string;
  @ApiProperty({ enum: ['active', 'locked'] }) state: string;
  @ApiProperty({ nullable: true, type: Date }) stateChangedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ['idle', 'directory_status', 'removed_from_directory', 'manual'] })
  lockReason: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the TTHC system received the lock' })
  lockDeliveredAt: Date | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Directory columns beyond the contract' })
  extra: Record<string, unknown> | null;
}
