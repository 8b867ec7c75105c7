import { ApiProperty } from '@nestjs/swagger';

export class UnitNetworkDto {
  @ApiProperty({ example: 'H56.12' })
  unitCode: string;

  @ApiProperty({ description: 'Canonical network', example: '10.12.0.0/16' })
  cidr: string;

  @ApiProperty({ nullable: true, example: 'LAN trụ sở' })
  label: string | null;

  @ApiProperty({ example: 'user:admin' })
  updatedBy: string;

  @ApiProperty()
  updatedAt: Date;
}
