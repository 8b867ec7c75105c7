import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { SearchTraceEventsDto, TraceCriteriaDto } from '../../dto/trace-criteria.dto';
import { REVEAL_REASON_MAX } from '../../reveal/trace-reveal.service';
import type { ExportFormat } from '../export-file.writer';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/** ?format= of an export (POST: the criteria and citizens are in the body). */
export class ExportFormatQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: 'csv (UTF-8, RFC 4180) or xlsx' })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;
}

/** GET /v1/trace/export: the search's criteria (no citizen: personal IDs never go in a URL) and the format. */
export class ExportTraceQueryDto extends TraceCriteriaDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: 'csv (UTF-8, RFC 4180) or xlsx' })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;
}

/** POST /v1/trace/export/revealed: the search (citizens in the body) and why the personal IDs must be seen in clear. */
export class RevealedExportDto extends SearchTraceEventsDto {
  @ApiProperty({ description: 'Why the personal IDs must be in the file in clear (kept in the security log)', maxLength: REVEAL_REASON_MAX })
  @IsString()
  @MaxLength(REVEAL_REASON_MAX)
  reason: string;
}
