import { ApiProperty, OmitType } from '@nestjs/swagger';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, ReportDelivery } from '../report-delivery.type';

export class ReportDeliveryDto {
  @ApiProperty({ example: '41' }) id: string;
  @ApiProperty({ example: '12' }) reportId: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel: string;
  @ApiProperty({ example: 'vanphong@quangtri.gov.vn', description: 'The email address, or the webhook URL without its user info, query or fragment (scheme://host/path)' })
  recipient: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: 'pending: not sent yet or to be retried; failed: gave up after the last attempt' })
  status: string;
  @ApiProperty({ description: 'Attempts made (since the last manual retry)' }) attempts: number;
  @ApiProperty({ description: 'When it is tried next (pending only)' }) nextAttemptAt: Date;
  @ApiProperty({ type: String, nullable: true, example: 'webhook answered HTTP 503' }) lastError: string | null;
  @ApiProperty({ description: 'Sent as the Idempotency-Key header (webhook) and in the Message-ID (email): the same on every retry' })
  idempotencyKey: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) sentAt: Date | null;
}

export class ReportDeliveryListDto {
  @ApiProperty({ type: [ReportDeliveryDto] }) items: ReportDeliveryDto[];
}

/** The delivery of an urgent notice (a critical alert's email): as a report's, with the alert instead. */
export class UrgentNoticeDeliveryDto extends OmitType(ReportDeliveryDto, ['reportId'] as const) {
  @ApiProperty({ example: '305' }) alertId: string;
}

export class UrgentNoticeDeliveryListDto {
  @ApiProperty({ type: [UrgentNoticeDeliveryDto] }) items: UrgentNoticeDeliveryDto[];
}

export function toUrgentNoticeDeliveryDto(d: ReportDelivery): UrgentNoticeDeliveryDto {
  const { reportId: _, ...rest } = toReportDeliveryDto(d);
  return { ...rest, alertId: d.alertId! };
}

export function toReportDeliveryDto(d: ReportDelivery): ReportDeliveryDto {
  return {
    id: d.id,
    reportId: d.reportId!,
    channel: d.channel,
    recipient: d.channel === 'webhook' ? redactedUrl(d.recipient) : d.recipient,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    lastError: d.lastError,
    idempotencyKey: d.idempotencyKey,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    sentAt: d.sentAt,
  };
}

/** A webhook URL as shown to readers of the log: scheme://host/path, without user info, query or fragment (secrets). */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
