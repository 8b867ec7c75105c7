import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TraceCriteriaDto } from '../../dto/trace-criteria.dto';
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
