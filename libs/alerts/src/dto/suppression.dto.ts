import { ApiProperty } from '@nestjs/swagger';

export class SuppressionDto {
  @ApiProperty() id: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, nullable: true }) accountId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty({ type: String, nullable: true }) type: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceSystem: string | null;
  @ApiProperty() validFrom: Date;
  @ApiProperty() validUntil: Date;
  @ApiProperty({ description: 'The admin who created (approved) it' }) approvedById: string;
  @ApiProperty() approvedByName: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) revokedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) revokedById: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedByName: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason: string | null;
  @ApiProperty({ description: 'Within its validity now and not revoked' }) active: boolean;
  @ApiProperty({ description: 'Alerts raised under it (kept with status suppressed, unless later reopened)' }) alertsCovered: number;
}
