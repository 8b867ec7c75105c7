import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TraceEventDto {
  @ApiProperty() eventId: string;
  @ApiProperty({ description: 'UTC, to the microsecond' }) occurredAt: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ description: 'The stored batch (its chained digest covers the event)' }) batchId: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty() clientIp: string;
  @ApiProperty() sourceSystem: string;
  @ApiProperty() action: string;
  @ApiProperty() result: string;
  @ApiProperty({ type: String, nullable: true, description: "Hex of the keyed hash of the citizen's personal ID" }) subjectHash: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Id of the hash key it was made with' }) subjectKeyId: string | null;
  @ApiProperty({ description: 'An encrypted copy is stored: POST /v1/trace/reveal can show the ID' }) subjectRevealable: boolean;
  @ApiProperty({ type: Number, nullable: true }) subjectCount: number | null;
  @ApiProperty({ type: [String] }) fields: string[];
  @ApiProperty({ type: String, nullable: true }) dossierCode: string | null;
  @ApiProperty({ type: String, nullable: true }) procedureCode: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: [String] }) flags: string[];
}

export class TraceTotalDto {
  @ApiProperty() value: number;
  @ApiProperty({ description: 'true: counted exactly (under 5,000 events, when counting is quick); false: the database planner\'s estimate' }) exact: boolean;
}

export class TraceSearchPageDto {
  @ApiProperty({ type: [TraceEventDto] }) items: TraceEventDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ type: TraceTotalDto, nullable: true, description: 'On the first page only' }) total: TraceTotalDto | null;
}

class TimelineCountDto {
  @ApiProperty() events: number;
  @ApiProperty({ description: 'Lookups and identity checks' }) lookups: number;
  @ApiProperty() firstAt: string;
  @ApiProperty() lastAt: string;
}

class TimelineDayDto extends TimelineCountDto {
  @ApiProperty({ example: '2026-11-20', description: 'Local day (Asia/Ho_Chi_Minh)' }) day: string;
}

class TimelineAccountDto extends TimelineCountDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
}

class TimelineUnitDto extends TimelineCountDto {
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty() accounts: number;
}

class TimelineDossierDto extends TimelineCountDto {
  @ApiProperty({ type: String, nullable: true }) dossierCode: string | null;
  @ApiProperty({ type: String, nullable: true }) procedureCode: string | null;
  @ApiProperty({ type: [String] }) accountIds: string[];
}

export class TimelineAlertDto {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty() severity: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [String] }) accountIds: string[];
  @ApiProperty() windowStart: string;
  @ApiProperty() windowEnd: string;
  @ApiProperty() explanationVi: string;
  @ApiProperty() explanationEn: string;
  @ApiProperty({ enum: ['subject', 'event', 'window', 'account'], description: "subject: names the citizen's hash; event: lists one of the events; window: about an account whose window covers one of its lookups of the citizen" })
  involves: string;
}

export class CitizenTimelineDto {
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ description: 'Every event of the citizen in the period' }) total: number;
  @ApiProperty({ type: [TraceEventDto], description: 'The newest 1,000' }) events: TraceEventDto[];
  @ApiProperty() truncated: boolean;
  @ApiProperty({ type: [TimelineDayDto] }) byDay: TimelineDayDto[];
  @ApiProperty({ type: [TimelineAccountDto] }) byAccount: TimelineAccountDto[];
  @ApiProperty({ type: [TimelineUnitDto] }) byUnit: TimelineUnitDto[];
  @ApiProperty({ type: [TimelineDossierDto] }) byDossier: TimelineDossierDto[];
  @ApiProperty({ type: [TimelineAlertDto] }) alerts: TimelineAlertDto[];
}

class AccountTimelineDayDto {
  @ApiProperty() day: string;
  @ApiProperty() events: number;
  @ApiProperty() lookups: number;
  @ApiProperty() distinctSubjects: number;
  @ApiProperty() explained: number;
  @ApiProperty() refused: number;
  @ApiProperty() exports: number;
  @ApiProperty() exportedSubjects: number;
  @ApiProperty({ type: Number, nullable: true, description: "Median of the account's lookups on its previous 30 active days" }) baseline: number | null;
}

class CitizenUnitDto {
  @ApiProperty({ type: String, nullable: true, description: "The dossier's unit (its code's prefix); null: lookups without a dossier" }) dossierUnit: string | null;
  @ApiProperty({ description: "The account's own unit" }) ownUnit: boolean;
  @ApiProperty() lookups: number;
  @ApiProperty() citizens: number;
}

class AccountDossierDto extends TimelineCountDto {
  @ApiProperty() dossierCode: string;
  @ApiProperty({ type: String, nullable: true }) procedureCode: string | null;
  @ApiProperty() citizens: number;
}

class LockHistoryDto {
  @ApiProperty() at: string;
  @ApiProperty({ example: 'locked' }) changeKind: string;
  @ApiProperty() actor: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class AccountTimelineDto {
  @ApiProperty() accountId: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [AccountTimelineDayDto], description: 'Every local day of the period, quiet ones at zero' }) days: AccountTimelineDayDto[];
  @ApiProperty({ type: [CitizenUnitDto] }) citizenUnits: CitizenUnitDto[];
  @ApiProperty({ type: [AccountDossierDto] }) dossiers: AccountDossierDto[];
  @ApiProperty({ type: [TimelineAlertDto] }) alerts: TimelineAlertDto[];
  @ApiProperty({ type: [LockHistoryDto] }) lockHistory: LockHistoryDto[];
}

export class RevealedSubjectDto {
  @ApiProperty() sourceSystem: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ description: "The citizen's personal ID in clear; kept nowhere" }) subjectId: string;
}

export class TraceInfoDto {
  @ApiPropertyOptional({ description: 'An encrypted copy of personal IDs is kept (reveal is possible)' }) revealAvailable: boolean;
}

export class TraceHistoryEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ example: 'trace.searched', description: 'trace.searched, trace.timeline-viewed, trace.export-started, trace.exported or trace.subject-revealed' }) type: string;
  @ApiProperty({ type: String, nullable: true }) caseReference: string | null;
  @ApiProperty({ type: String, nullable: true }) purpose: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The criteria as recorded (citizens as keyed hashes)' }) criteria: Record<string, unknown>;
  @ApiProperty({ type: [String], description: "Hex of each citizen's keyed hash" }) subjects: string[];
  @ApiProperty({ type: Number, nullable: true, description: 'Events (or groups) the answer held' }) rows: number | null;
}

export class TraceHistoryPageDto {
  @ApiProperty({ type: [TraceHistoryEntryDto] }) items: TraceHistoryEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next (older) page' }) nextCursor: string | null;
}
