import { ApiProperty } from '@nestjs/swagger';

export class LockWarningDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ nullable: true, type: String }) fullName: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ example: '2026-11-24' }) lockDueOn: string;
  @ApiProperty({ example: 14 }) offsetDays: number;
  @ApiProperty({ nullable: true, type: Date, description: 'What the idle count starts from now' }) idleSince: Date | null;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({ enum: ['pending', 'sent', 'logged', 'failed'] }) delivery: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ description: 'Mail attempts so far (a failed mail is tried again: 5 min, 15 min, 1 h, 3 h; 5 at most)' })
  attempts: number;
  @ApiProperty({ nullable: true, type: Date, description: 'When a failed mail is tried next; null when it will not be' })
  nextAttemptAt: Date | null;
}
