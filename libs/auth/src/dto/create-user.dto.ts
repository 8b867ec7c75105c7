import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role } from '../permission';

export class CreateUserDto {
  @ApiProperty({ example: 'nguyen.van.a', description: '2-64 lower-case letters, digits, . _ @ -' })
  @Matches(/^[a-z0-9][a-z0-9._@-]{1,63}$/, {
    message: 'username must be 2-64 lower-case letters, digits, . _ @ - (starting with a letter or digit)',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ example: 'nva@binhdinh.gov.vn' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'VP-UBND', description: 'Unit (cơ quan/đơn vị) code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unitCode?: string;

  @ApiProperty({ enum: Role, isArray: true, example: [Role.REVIEWER] })
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(Role, { each: true, message: `each role must be one of ${Object.values(Role).join(', ')}` })
  roles: Role[];
}
