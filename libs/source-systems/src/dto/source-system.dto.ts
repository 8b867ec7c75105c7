import { ApiProperty } from '@nestjs/swagger';

export class SourceSystemDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() operatorOrg: string;
  @ApiProperty({ type: [String] }) allowedFields: string[];
  @ApiProperty({ type: String, nullable: true }) legalBasis: string | null;
  @ApiProperty({ type: String, nullable: true }) approvalDocNo: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2025-03-01' }) approvalDate: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ enum: ['active', 'suspended', 'retired'] }) status: string;
  @ApiProperty({
    description:
      'The system owns the TTHC account directory: only its producer key may sync the directory (POST /v1/accounts/sync). ' +
      'Set by an admin at PUT /v1/source-systems/{code}/owns-account-directory; at most one system.',
  })
  ownsAccountDirectory: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
