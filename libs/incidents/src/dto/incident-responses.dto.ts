import { ApiProperty } from '@nestjs/swagger';
import { INCIDENT_STATUSES, IncidentStatus } from '../incident.type';
import { BreachNoticeContentDto } from './breach-notice-content.dto';

export class IncidentDto {
  @ApiProperty({ example: '3' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() measuresTaken: string;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status: IncidentStatus;
  @ApiProperty({ description: 'When the breach was discovered' }) discoveredAt: Date;
  @ApiProperty({ description: 'discoveredAt + 72 hours: the notice is due by then' }) deadlineAt: Date;
  @ApiProperty({ nullable: true, type: Number, description: 'Milliseconds left to the deadline (negative: passed); null once notified' })
  remainingMs: number | null;
  @ApiProperty({ description: 'Notified after the deadline, or not notified and the deadline passed' }) late: boolean;
  @ApiProperty({ nullable: true, type: Date }) occurredFrom: Date | null;
  @ApiProperty({ nullable: true, type: Date }) occurredTo: Date | null;
  @ApiProperty() openedAt: Date;
  @ApiProperty() openedBy: string;
  @ApiProperty({ type: [String] }) assignees: string[];
  @ApiProperty({ type: [String] }) alertIds: string[];
  @ApiProperty({ type: [String] }) accounts: string[];
  @ApiProperty({ type: [String] }) units: string[];
  @ApiProperty({ type: [String] }) fields: string[];
  @ApiProperty({ nullable: true, type: Number }) subjectsAffected: number | null;
  @ApiProperty({ nullable: true, type: Number }) recordsAffected: number | null;
  @ApiProperty({ nullable: true, type: Date, description: 'The first recorded sending of the notice' }) notifiedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the service found the deadline passed without a sending' }) lateMarkedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, example: '1/TB-VP', description: "The notice's number, once finalised" }) noticeNumber: string | null;
  @ApiProperty({ description: 'The latest saved notice version' }) latestVersion: number;
  @ApiProperty({ nullable: true, type: Number }) finalisedVersion: number | null;
  @ApiProperty({ description: 'Kept at least until then (5 years after discovery): it cannot be deleted before' }) retainUntil: Date;
  @ApiProperty() updatedAt: Date;
}

export class IncidentPageDto {
  @ApiProperty({ type: [IncidentDto] }) items: IncidentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class IncidentRecordDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['sending', 'confirmation'] }) kind: 'sending' | 'confirmation';
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String }) channel: string | null;
  @ApiProperty({ nullable: true, type: String }) recipient: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ nullable: true, type: String }) fileType: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 (hex) of the file' }) fileSha256: string | null;
  @ApiProperty({ nullable: true, type: Number }) fileBytes: number | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() createdBy: string;
}

export class IncidentReminderDto {
  @ApiProperty({ description: 'Hours before the deadline (INCIDENT_REMINDER_HOURS)' }) hoursBefore: number;
  @ApiProperty() sentAt: Date;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({
    enum: ['pending', 'sent', 'logged', 'failed', 'skipped'],
    description: 'pending: the mail is leaving; failed also when it stayed pending 10 minutes (the service stopped while sending). skipped: a nearer reminder was due at the same time and mailed instead',
  })
  outcome: 'pending' | 'sent' | 'logged' | 'failed' | 'skipped';
}

export class IncidentDetailDto extends IncidentDto {
  @ApiProperty({ type: [IncidentRecordDto], description: 'Sendings and confirmation records, oldest first' }) records: IncidentRecordDto[];
  @ApiProperty({ type: [IncidentReminderDto] }) reminders: IncidentReminderDto[];
}

export class NoticeVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ type: BreachNoticeContentDto }) content: BreachNoticeContentDto;
  @ApiProperty() createdAt: Date;
  @ApiProperty() createdBy: string;
  @ApiProperty() finalised: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 (hex) of the PDF, when finalised' }) pdfSha256: string | null;
  @ApiProperty({ nullable: true, type: String }) docxSha256: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The citizens' notice, when biometric or location data was involved" })
  citizenPdfSha256: string | null;
  @ApiProperty({ nullable: true, type: String }) citizenDocxSha256: string | null;
}

export class NoticeVersionListDto {
  @ApiProperty({ type: [NoticeVersionDto], description: 'Newest first' }) items: NoticeVersionDto[];
}
