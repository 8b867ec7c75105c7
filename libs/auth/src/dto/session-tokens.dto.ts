import { ApiProperty } from '@nestjs/swagger';

export class SessionTokensDto {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>"' }) accessToken: string;
  @ApiProperty({ description: 'Exchange at POST /v1/auth/refresh for new tokens; valid once' })
  refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expiresIn: number;
  @ApiProperty({
    description: 'true: only change-password, me and logout are allowed until the password is changed',
  })
  mustChangePassword: boolean;
}
