import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { ALERT_SEVERITIES, ALERT_SORTS, ALERT_STATUSES, AlertSeverity, AlertSort, AlertStatus, SORT_DIRECTIONS, SortDirection } from '../alert.type';

export class ListAlertsQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, description: 'Default: every status but suppressed' })
  @IsOptional()
  @IsIn(ALERT_STATUSES, { message: `status must be one of ${ALERT_STATUSES.join(', ')}` })
  status?: AlertStatus;

  @ApiPropertyOptional({ example: 'locked_account_in_use' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'type must be an alert type (lower-case letters, digits, _)' })
  type?: string;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES, { message: `severity must be one of ${ALERT_SEVERITIES.join(', ')}` })
  severity?: AlertSeverity;

  @ApiPropertyOptional({ description: 'Alerts about this account (alone or among several)' })
  @IsOptional()
  @MaxLength(128)
  accountId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(64)
  unitCode?: string;

  @ApiPropertyOptional({ description: "Alerts whose window ends at or after this time (ISO 8601)" })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Alerts whose window starts before this time (exclusive, ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    enum: ALERT_SORTS,
    default: 'window',
    description: 'window: window start; raised: when first raised; severity; score; updated: last change (a repeat or a triage action). Ties by id, in the same direction',
  })
  @IsOptional()
  @IsIn(ALERT_SORTS, { message: `sort must be one of ${ALERT_SORTS.join(', ')}` })
  sort?: AlertSort;

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, default: 'desc' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS, { message: `order must be one of ${SORT_DIRECTIONS.join(', ')}` })
  order?: SortDirection;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (of the same sort and order)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,120}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}
