import { ApiProperty } from '@nestjs/swagger';

export class FieldCatalogEntryDto {
  @ApiProperty({ description: 'What producers put in an event\'s fields and systems declare in allowedFields', example: 'religion' })
  code: string;

  @ApiProperty({ description: 'What the field is, in Vietnamese (as the population database names it)', example: 'Tôn giáo' })
  label: string;

  @ApiProperty({ enum: ['basic', 'sensitive'], description: 'Basic or sensitive personal data (Law 91/2025/QH15 art. 3-4)' })
  class: 'basic' | 'sensitive';
}

export class FieldCatalogDto {
  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: [FieldCatalogEntryDto] })
  fields: FieldCatalogEntryDto[];
}
