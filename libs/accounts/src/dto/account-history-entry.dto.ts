import { ApiProperty } from '@nestjs/swagger';

export class AccountHistoryEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty() at: Date;
  @ApiProperty({
    example: 'system:idle-lock-job',
    description: 'user:<username>, producer:<source system> or system:<job>',
  })
  actor: string;
  @ApiProperty({
    example: 'locked',
    description:
      'directory_created, directory_updated, directory_removed, locked, unlocked, exemption_granted, exemption_revoked',
  })
  changeKind: string;
  @ApiProperty({ nullable: true, type: Object }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'Last activity, lock due date, directory change, command id',
  })
  evidence: Record<string, unknown> | null;
}
