import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class SetUnitContactDto {
  @ApiProperty({
    example: 'quantri.tuphap@example.gov.vn',
    description: "The unit's admin, copied on lock warnings",
  })
  @IsEmail()
  @MaxLength(200)
  adminEmail: string;
}
