import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RefreshSessionDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the previous refresh (each is valid once)' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  refreshToken: string;
}
