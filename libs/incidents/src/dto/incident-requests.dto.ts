import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { INCIDENT_STATUSES, IncidentStatus } from '../incident.type';
import { BreachNoticeContentDto } from './breach-notice-content.dto';

const ID = /^[1-9]\d{0,17}$/;
/** Versions are an int in the database: anything larger names none (a 400, not a failed query). */
const MAX_VERSION = 2_147_483_647;

export class IncidentIdParamDto {
  @ApiProperty({ example: '3' })
  @Matches(ID, { message: 'id must be the numeric id of an incident' })
  id: string;
}

export class NoticeVersionParamDto extends IncidentIdParamDto {
  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  @Max(MAX_VERSION)
  version: number;
}

export class IncidentRecordParamDto extends IncidentIdParamDto {
  @ApiProperty({ example: '7' })
  @Matches(ID, { message: 'recordId must be the numeric id of a record' })
  recordId: string;
}

export class ListIncidentsQueryDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES, { message: `status must be one of ${INCIDENT_STATUSES.join(', ')}` })
  status?: IncidentStatus;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(ID, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;
}

/** What both opening and editing an incident take. */
class IncidentFieldsDto {
  @ApiPropertyOptional({ description: 'What happened, as known' }) @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiPropertyOptional({ description: 'Measures taken so far' }) @IsOptional() @IsString() @MaxLength(20000) measuresTaken?: string;
  @ApiPropertyOptional({ description: 'Start of the breach, when known (ISO 8601)' }) @IsOptional() @IsDateString({ strict: true }) occurredFrom?: string;
  @ApiPropertyOptional({ description: 'End of the breach, when known (ISO 8601)' }) @IsOptional() @IsDateString({ strict: true }) occurredTo?: string;
  @ApiPropertyOptional({ type: [String], description: 'Emails of the people reminded before the deadline' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'each assignee must be an email address' })
  assignees?: string[];
  @ApiPropertyOptional({ type: [String], description: 'TTHC accounts involved (default: those of the alerts)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  accounts?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Units involved (default: those of the alerts)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  units?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Field-catalog codes of the data involved (default: those of the alerts)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  fields?: string[];
  @ApiPropertyOptional({ description: 'Citizens affected (default: from the alerts, when their evidence counts them)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  subjectsAffected?: number;
  @ApiPropertyOptional({ description: 'Records (lookups, exported rows) affected' }) @IsOptional() @IsInt() @Min(0) recordsAffected?: number;
}

export class OpenIncidentDto extends IncidentFieldsDto {
  @ApiProperty({ example: 'Tra cứu hàng loạt ngoài giờ của tài khoản cb.nguyenvana' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ description: 'When the breach was discovered (ISO 8601; not in the future). Default: now. Fixes the 72-hour deadline' })
  @IsOptional()
  @IsDateString({ strict: true })
  discoveredAt?: string;

  @ApiPropertyOptional({ type: [String], description: 'Alerts the incident is opened from: their accounts, units, fields and counts prefill it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ID, { each: true, message: 'each alertId must be the numeric id of an alert' })
  alertIds?: string[];
}

export class UpdateIncidentDto extends IncidentFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(300) title?: string;

  @ApiPropertyOptional({ enum: ['closed'], description: 'Close the incident (only once its notice was sent)' })
  @IsOptional()
  @IsIn(['closed'], { message: 'status may only be set to closed' })
  status?: 'closed';
}

export class SaveNoticeVersionDto {
  @ApiProperty({ type: BreachNoticeContentDto })
  @ValidateNested()
  @Type(() => BreachNoticeContentDto)
  content: BreachNoticeContentDto;
}

export class FinaliseNoticeDto {
  @ApiPropertyOptional({ description: 'The version reviewed; refused with 409 when a later one was saved since. Default: the latest' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;
}

export class RecordSendingDto {
  @ApiProperty({ description: 'When the notice was sent (ISO 8601)' }) @IsDateString({ strict: true }) at: string;
  @ApiProperty({ example: 'Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân', description: 'How: the portal, email, post, by hand' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  channel: string;
  @ApiProperty({ example: 'Bộ Công an (Cục A05)' }) @IsString() @MinLength(2) @MaxLength(500) recipient: string;
  @ApiPropertyOptional({ description: "The portal's receipt number, the dispatch number" }) @IsOptional() @IsString() @MaxLength(300) reference?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;
}

export class AddConfirmationDto {
  @ApiProperty({ description: 'When the confirmation was made (ISO 8601)' }) @IsDateString({ strict: true }) at: string;
  @ApiPropertyOptional({ description: 'The text of the confirmation record when no file is attached' }) @IsOptional() @IsString() @MaxLength(20000) note?: string;
  @ApiPropertyOptional({ description: 'File name of the biên bản' }) @IsOptional() @IsString() @MaxLength(200) fileName?: string;
  @ApiPropertyOptional({ description: 'Media type of the file: application/pdf, image/jpeg or image/png (its bytes must be one)' })
  @IsOptional()
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/, { message: 'fileType must be a media type such as application/pdf' })
  fileType?: string;
  @ApiPropertyOptional({ description: 'The scanned biên bản, base64 (the request is bounded by HTTP_BODY_LIMIT: about 7 MB of file at 10mb)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'fileBase64 must be base64' })
  @MaxLength(100_000_000)
  fileBase64?: string;
}
