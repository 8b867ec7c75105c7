import { ApiProperty } from '@nestjs/swagger';
import { Permission } from '../permission';
import { UserDto } from './user.dto';

export class MeDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ enum: Permission, isArray: true, description: 'What the signed-in user may do' })
  permissions: Permission[];
}
