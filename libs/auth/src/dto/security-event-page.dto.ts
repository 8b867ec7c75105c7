import { ApiProperty } from '@nestjs/swagger';
import { SecurityEventDto } from './security-event.dto';

export class SecurityEventPageDto {
  @ApiProperty({ type: [SecurityEventDto] }) items: SecurityEventDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next (older) page' })
  nextCursor: string | null;
}
