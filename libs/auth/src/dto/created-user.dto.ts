import { ApiProperty } from '@nestjs/swagger';
import { UserDto } from './user.dto';

export class CreatedUserDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ description: 'Shown once: give it to the user, who must change it at first sign-in' })
  oneTimePassword: string;
}
