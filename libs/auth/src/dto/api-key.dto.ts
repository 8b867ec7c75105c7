import { ApiProperty } from '@nestjs/swagger';

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'igate' }) sourceSystemCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Identifies the key (the part after "tthc_")', example: 'k3x9q2mz' })
  prefix: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) expiresAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) revokedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'Recorded at most once a minute' })
  lastUsedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'The key this one replaced by rotation' })
  rotatedFrom: string | null;
}
