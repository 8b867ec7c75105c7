import { ApiProperty } from '@nestjs/swagger';
import { ApiKeyDto } from './api-key.dto';

export class IssuedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The key, shown this once: send it as header X-Api-Key',
    example: 'tthc_k3x9q2mz_…',
  })
  key: string;
}
