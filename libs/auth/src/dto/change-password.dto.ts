import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({
    format: 'password',
    description: 'At least AUTH_PASSWORD_MIN_LENGTH characters, not the username, not a common password',
  })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}
