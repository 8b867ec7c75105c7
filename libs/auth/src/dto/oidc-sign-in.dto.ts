import { ApiProperty } from '@nestjs/swagger';
import { IsJWT } from 'class-validator';

export class OidcSignInDto {
  @ApiProperty({
    description: 'The ID token the identity provider issued to the console (authorization-code flow)',
  })
  @IsJWT()
  idToken: string;
}
