import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../permission';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'nguyen.van.a' }) username: string;
  @ApiProperty({ example: 'Nguyễn Văn A' }) displayName: string;
  @ApiProperty({ example: 'nva@binhdinh.gov.vn' }) email: string;
  @ApiProperty({ type: String, nullable: true, example: 'VP-UBND' }) unitCode: string | null;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ type: Date, nullable: true }) lastSignInAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
