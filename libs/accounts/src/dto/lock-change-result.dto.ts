import { ApiProperty } from '@nestjs/swagger';

export class LockChangeResultDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: ['active', 'locked'] }) state: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The command for the TTHC system; null when nothing changed',
  })
  commandId: string | null;
}
