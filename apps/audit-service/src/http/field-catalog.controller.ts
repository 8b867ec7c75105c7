import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermission } from '@app/auth';
import { FIELD_CATALOG_V1 } from '@app/contracts';
import { FieldCatalogDto } from '@app/source-systems';

/** The field catalog (contract field-catalog.v1) as the service reads it, so that the console needs no copy. */
@ApiTags('source-systems')
@Controller('v1/field-catalog')
export class FieldCatalogController {
  @Get()
  @RequirePermission(Permission.SOURCE_SYSTEMS_READ)
  @ApiOperation({
    summary: 'The field catalog: every field code a system may declare, its Vietnamese label and its class (basic or sensitive)',
    description: 'Codes outside the catalog are accepted at ingest and reported as unclassified; a sensitive field beyond a system\'s declaration raises a high alert.',
  })
  @ApiOkResponse({ type: FieldCatalogDto })
  get(): FieldCatalogDto {
    return { version: FIELD_CATALOG_V1.version, fields: FIELD_CATALOG_V1.fields.map((f) => ({ code: f.code, label: f.label, class: f.class })) };
  }
}
