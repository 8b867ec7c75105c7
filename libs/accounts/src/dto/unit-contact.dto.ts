import { ApiProperty } from '@nestjs/swagger';

export class UnitContactDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() adminEmail: string;
}
