import { ApiProperty } from '@nestjs/swagger';
import { ALERT_OUTCOMES, ALERT_SEVERITIES, ALERT_STATUSES } from '../alert.type';

export class AlertDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'subject_volume' }) type: string;
  @ApiProperty({ enum: ALERT_SEVERITIES, description: "'info' only on alerts raised before severities were settled" }) severity: string;
  @ApiProperty({ description: 'How far from normal (detector-specific, higher is worse); 0 for yes/no rules' }) score: number;
  @ApiProperty({ type: String, nullable: true, description: 'The account, when the alert is about exactly one' }) accountId: string | null;
  @ApiProperty({ type: [String], description: 'Every account the alert is about (several for a shared finding)' }) accountIds: string[];
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty({ type: [String] }) sourceSystems: string[];
  @ApiProperty({ description: 'When the finding happened (its first offending event)' }) occurredAt: Date;
  @ApiProperty() windowStart: Date;
  @ApiProperty() windowEnd: Date;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The latest evidence: observed against expected, the rule and its parameters, share explained, sample event ids',
  })
  evidence: Record<string, unknown>;
  @ApiProperty({ description: 'One paragraph in Vietnamese for a non-engineer' }) explanationVi: string;
  @ApiProperty() explanationEn: string;
  @ApiProperty({ enum: ALERT_STATUSES }) status: string;
  @ApiProperty({ enum: ALERT_OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeId: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The suppression that covered it when raised' }) suppressionId: string | null;
  @ApiProperty({ description: 'How many times the finding was raised (1 + updates by new evidence)' }) occurrences: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
