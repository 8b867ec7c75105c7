import { ApiProperty } from '@nestjs/swagger';

export class ExemptionDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: ['service', 'leave'] }) kind: string;
  @ApiProperty() reason: string;
  @ApiProperty() approver: string;
  @ApiProperty() validFrom: Date;
  @ApiProperty() validUntil: Date;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
  @ApiProperty({ description: 'Applies now' }) active: boolean;
}
