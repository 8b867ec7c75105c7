import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OidcSettingsDto {
  @ApiProperty() enabled: boolean;
  @ApiPropertyOptional() issuer?: string;
  @ApiPropertyOptional() clientId?: string;
}
