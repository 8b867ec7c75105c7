import { ApiProperty } from '@nestjs/swagger';

export class OneTimePasswordDto {
  @ApiProperty({ description: 'Shown once: the user must change it at next sign-in' })
  oneTimePassword: string;
}
